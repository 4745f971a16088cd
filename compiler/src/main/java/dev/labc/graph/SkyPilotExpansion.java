package dev.labc.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * std/skypilot's `skypilot` kind (seeds 000, 001, 003): the SSH node pool file for mode "ssh",
 * its hosts from the declared `nodes` and `hosts`; and with `api_on`, SkyPilot in a virtualenv
 * and its API server as the systemd service skypilot-api (seed 000 Phase 4.4), restarted when
 * its unit changes.
 */
final class SkyPilotExpansion {
  static final String UNIT = "/etc/systemd/system/skypilot-api.service";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

  private SkyPilotExpansion() {}

  static void expand(Program program, Entity sk, Emit emit) {
    boolean api = sk.get("api_on") instanceof Value.Ref;
    String node = api ? ((Value.Ref) sk.get("api_on")).name() : firstController(program);
    if (node == null) return;
    Scope s = Scope.node(node);
    String user = api ? Values.text(sk.get("api_user")) : "root";
    String home = home(user);
    if (Values.text(sk.get("mode")).equals("ssh")) {
      String path = home + "/.sky/ssh_node_pools.yaml";
      emit.add(s.resource("file", path), "file", Map.of("path", Emit.str(path), "content", Emit.str(pools(program, sk)), "mode", Emit.str("0600"), "owner", Emit.str(user)),
          List.of(), sk.span());
    }
    if (!api) return;
    String venv = Values.text(sk.get("venv"));
    String spec = "skypilot[kubernetes]" + (sk.get("version") instanceof Value.Str v ? "==" + v.value() : "");
    ResourceAddr pyvenv = emit.pkg(s, "python3-venv", List.of(), sk.spanOf("api_on"));
    ShellCommand setUp = ShellCommand.builder().literal("python3").literal("-m").literal("venv").value(venv).build()
        .andThen(ShellCommand.builder().value(venv + "/bin/pip").literal("install").literal("--quiet").value(spec).build());
    ResourceAddr install = emit.creates(s, "skypilot-install", setUp, venv + "/bin/sky", List.of(pyvenv), sk.spanOf("api_on"));
    ResourceAddr unit = emit.file(s, UNIT, unit(sk, user, home), List.of(), sk.spanOf("api_on"));
    emit.service(s, "skypilot-api", List.of(unit), "restart", List.of(install), sk.spanOf("api_on"));
  }

  /** The pool file: one pool with `nodes`' addresses, then `hosts`, each once. */
  static String pools(Program program, Entity sk) {
    var hosts = new LinkedHashSet<String>();
    for (Value.Ref r : Values.refs(sk.get("nodes"))) hosts.add(Values.text(program.entity("node", r.name()).get("address")));
    if (sk.get("hosts") instanceof Value.ListV l) l.items().forEach(v -> hosts.add(Values.text(v)));
    var pool = new LinkedHashMap<String, Object>();
    pool.put("hosts", new ArrayList<>(hosts));
    pool.put("user", Values.text(sk.get("user")));
    if (sk.get("identity_file") instanceof Value.Str f) pool.put("identity_file", f.value());
    try {
      return "# managed by labc: skypilot " + sk.name() + "\n" + YAML.writeValueAsString(Map.of(Values.text(sk.get("pool")), pool));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Seed 000's unit, with the virtualenv and kubeconfig declared. */
  static String unit(Entity sk, String user, String home) {
    String venv = Values.text(sk.get("venv"));
    var sb = new StringBuilder("# managed by labc: skypilot ").append(sk.name()).append('\n');
    sb.append("[Unit]\nDescription=SkyPilot API server\nAfter=network-online.target\nWants=network-online.target\n\n[Service]\nType=simple\n");
    sb.append("User=").append(user).append('\n');
    sb.append("WorkingDirectory=").append(home).append('\n');
    sb.append("Environment=\"PATH=").append(venv).append("/bin:/usr/local/bin:/usr/bin:/bin\"\n");
    if (sk.get("kubeconfig") instanceof Value.Str k) sb.append("Environment=\"KUBECONFIG=").append(k.value()).append("\"\n");
    sb.append("ExecStart=").append(venv).append("/bin/sky api start --deploy --foreground\n");
    sb.append("Restart=always\nRestartSec=10\n\n[Install]\nWantedBy=multi-user.target\n");
    return sb.toString();
  }

  static String home(String user) { return user.equals("root") ? "/root" : "/home/" + user; }

  private static String firstController(Program program) {
    return program.ofKind("node").stream().filter(n -> n.get("roles") instanceof Value.ListV l
        && l.items().stream().anyMatch(v -> v instanceof Value.EnumV e && e.member().equals("controller"))).map(Entity::name).findFirst().orElse(null);
  }
}
