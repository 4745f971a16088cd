package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import java.util.List;

/**
 * std/transformerlab's `transformerlab` kind (seed 000 Phase 5): the installer run once as the
 * user, the service transformerlab running its run.sh, and the nginx site in front of port 8338
 * through {@link NginxExpansion}, so the proxy is the one `nginx_proxy` would write.
 */
final class TransformerLabExpansion {
  static final String UNIT = "/etc/systemd/system/transformerlab.service";
  static final int PORT = 8338;

  private TransformerLabExpansion() {}

  static void expand(Entity t, Emit emit) {
    String node = ((Value.Ref) t.get("on")).name();
    Scope s = Scope.node(node);
    String user = Values.text(t.get("user"));
    String home = SkyPilotExpansion.home(user);
    String src = home + "/.transformerlab/src";
    ResourceAddr curl = emit.pkg(s, "curl", List.of(), t.span());
    ShellCommand install = ShellCommand.builder().literal("curl").literal("-fsSL").value(Values.text(t.get("installer"))).literal("|").literal("bash").build();
    if (flag(t, "providers")) {
      install = install.andThen(ShellCommand.builder().literal("cd").value(src).build())
          .andThen(ShellCommand.builder().literal("./install.sh").literal("install_providers").build());
    }
    // The installer writes into the user's home: run as that user, with a login environment.
    ResourceAddr installed = emit.creates(s, "transformerlab-install",
        user.equals("root") ? install : ShellCommand.builder().literal("runuser").literal("-l").value(user).literal("-c").script(install).build(),
        src + "/run.sh", List.of(curl), t.span());
    ResourceAddr unit = emit.file(s, UNIT, unit(t, user, home), List.of(), t.span());
    emit.service(s, "transformerlab", List.of(unit), "restart", List.of(installed), t.span());
    if (!flag(t, "nginx")) return;
    String cert = null, key = null;
    if (t.get("tls") instanceof Value.Obj tls) {
      cert = Values.text(tls.fields().get("cert"));
      key = Values.text(tls.fields().get("key"));
    }
    NginxExpansion.expand(new NginxExpansion.Site("transformerlab", node, Values.text(t.get("server_name")), "http://127.0.0.1:" + PORT,
        ((Value.Int) t.get("listen")).value(), true, true, true, Values.text(t.get("client_max_body_size")),
        cert, key, flag(t, "certbot"),
        t.get("certbot_email") instanceof Value.Str e ? e.value() : null, t.spanOf("nginx"), t.spanOf("certbot"), t.spanOf("nginx")), emit);
  }

  static String unit(Entity t, String user, String home) {
    return "# managed by labc: transformerlab " + t.name() + "\n"
        + "[Unit]\nDescription=Transformer Lab\nAfter=network-online.target\nWants=network-online.target\n\n"
        + "[Service]\nType=simple\nUser=" + user + "\nWorkingDirectory=" + home + "/.transformerlab/src\n"
        + "ExecStart=/bin/bash " + home + "/.transformerlab/src/run.sh\nRestart=always\nRestartSec=10\n\n"
        + "[Install]\nWantedBy=multi-user.target\n";
  }

  private static boolean flag(Entity e, String name) {
    return e.get(name) instanceof Value.Bool b && b.value();
  }
}
