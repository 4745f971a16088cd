package dev.labc.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * std/determined's `determined` kind (seed 004): the master's PostgreSQL role and database,
 * determined-master with master.yaml and a root-only drop-in holding the database password,
 * determined-agent with agent.yaml on every agent (after Docker when Docker is declared there),
 * and the pip CLI with DET_MASTER on the CLI nodes. Packages are Determined's release .debs.
 */
final class DeterminedExpansion {
  static final String MASTER_YAML = "/etc/determined/master.yaml";
  static final String AGENT_YAML = "/etc/determined/agent.yaml";
  static final String DB_DROP_IN = "/etc/systemd/system/determined-master.service.d/labc-db.conf";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** psql as the database superuser, reading SQL from stdin. */
  private static final ShellCommand PSQL = ShellCommand.builder().literal("runuser").literal("-u").literal("postgres").literal("--").literal("psql").build();

  private DeterminedExpansion() {}

  static void expand(Program program, Entity d, Emit emit) {
    String version = Values.text(d.get("version"));
    Value.Ref master = (Value.Ref) d.get("master");
    String masterAddr = Values.text(program.entity("node", master.name()).get("address"));
    long port = ((Value.Int) d.get("port")).value();
    Scope ms = Scope.node(master.name());

    var masterDeps = new ArrayList<ResourceAddr>();
    if (Values.text(d.get("db_host")).equals("localhost")) {
      ResourceAddr pg = emit.pkg(ms, "postgresql", List.of(), d.spanOf("db_host"));
      ResourceAddr pgSvc = emit.service(ms, "postgresql", List.of(), "restart", List.of(pg), d.spanOf("db_host"));
      String user = Values.text(d.get("db_user")), db = Values.text(d.get("db_name"));
      // The password reaches psql on stdin, never as an argument; quotes in it are doubled for SQL.
      // Names are printf's arguments, not part of its format; their schema patterns keep them SQL identifiers.
      ShellCommand password = ShellCommand.builder().literal("printf").literal("%s").literal("\"$DET_DB_PASSWORD\"")
          .literal("|").literal("sed").literal("\"s/'/''/g\"").build();
      ShellCommand sql = ShellCommand.builder()
          .literal("printf").literal("\"CREATE ROLE %s LOGIN PASSWORD '%s';\\nCREATE DATABASE %s OWNER %s;\\n\"").value(user).output(password).value(db).value(user)
          .literal("|").append(PSQL).literal("-v").literal("ON_ERROR_STOP=1").literal("-q").build();
      ShellCommand roleExists = ShellCommand.builder()
          .literal("printf").literal("\"SELECT 1 FROM pg_roles WHERE rolname = '%s';\\n\"").value(user)
          .literal("|").append(PSQL).literal("-tA").literal("|").literal("grep").literal("-qx").literal("1").build();
      var attrs = new TreeMap<String, Value>();
      attrs.put("command", Emit.shell(sql));
      attrs.put("env", new Value.Obj(new TreeMap<>(Map.of("DET_DB_PASSWORD", d.get("db_password")))));
      attrs.put("unless", Emit.shell(roleExists));
      ResourceAddr role = ms.resource("command", "determined-db");
      emit.add(role, "command", attrs, List.of(pgSvc), d.spanOf("db_password"));
      masterDeps.add(role);
    }
    ResourceAddr masterPkg = release(ms, "determined-master", version, emit, d);
    ResourceAddr yaml = emit.file(ms, MASTER_YAML, masterYaml(d), List.of(masterPkg), d.span());
    ResourceAddr dropIn = emit.file(ms, DB_DROP_IN, dbDropIn(d.get("db_password")), "0600", List.of(masterPkg), d.spanOf("db_password"));
    masterDeps.add(masterPkg);
    String checkpoints = Values.text(d.get("checkpoint_path"));
    if (emit.has(ms.resource("mount", checkpoints))) masterDeps.add(ms.resource("mount", checkpoints));
    emit.service(ms, "determined-master", List.of(yaml, dropIn), "restart", masterDeps, d.span());

    for (Value.Ref a : Values.refs(d.get("agents"))) {
      Scope s = Scope.node(a.name());
      ResourceAddr pkg = release(s, "determined-agent", version, emit, d);
      ResourceAddr conf = emit.file(s, AGENT_YAML, agentYaml(d, a.name(), masterAddr, port), List.of(pkg), d.spanOf("agents"));
      var deps = new ArrayList<>(List.of(pkg));
      if (dockerOn(program, a.name())) deps.add(s.resource("service", "docker"));
      if (emit.has(s.resource("mount", checkpoints))) deps.add(s.resource("mount", checkpoints));
      emit.service(s, "determined-agent", List.of(conf), "restart", deps, d.spanOf("agents"));
    }

    for (Value.Ref c : Values.refs(d.get("cli_on"))) {
      Scope s = Scope.node(c.name());
      ResourceAddr pip = emit.pkg(s, "python3-pip", List.of(), d.spanOf("cli_on"));
      emit.unless(s, "determined-cli", ShellCommand.builder().literal("python3").literal("-m").literal("pip").literal("install").value("determined==" + version).build(),
          ShellCommand.builder().literal("python3").literal("-m").literal("pip").literal("show").literal("determined").literal("2>/dev/null")
              .literal("|").literal("grep").literal("-qxF").value("Version: " + version).build(), List.of(pip), d.spanOf("cli_on"));
      var attrs = new TreeMap<String, Value>();
      attrs.put("path", Emit.str("/etc/environment"));
      attrs.put("line", Emit.str("DET_MASTER=\"" + masterAddr + ":" + port + "\""));
      attrs.put("match", Emit.str("^DET_MASTER="));
      attrs.put("state", Emit.str("present"));
      emit.add(s.resource("line", "determined-master"), "line", attrs, List.of(), d.spanOf("cli_on"));
    }
  }

  /** One of Determined's release packages, downloaded from GitHub and installed unless that version is. */
  private static ResourceAddr release(Scope s, String name, String version, Emit emit, Entity d) {
    ResourceAddr curl = emit.pkg(s, "curl", List.of(), d.spanOf("version"));
    String deb = "/tmp/" + name + "_" + version + ".deb";
    String url = "https://github.com/determined-ai/determined/releases/download/" + version + "/" + name + "_" + version + "_linux_amd64.deb";
    ShellCommand install = ShellCommand.builder().literal("curl").literal("-fsSLo").value(deb).value(url).build()
        .andThen(ShellCommand.builder().literal("DEBIAN_FRONTEND=noninteractive").literal("apt-get").literal("install").literal("-y").value(deb).build())
        .andThen(ShellCommand.builder().literal("rm").literal("-f").value(deb).build());
    ShellCommand installed = ShellCommand.builder().literal("[")
        .output(ShellCommand.builder().literal("dpkg-query").literal("-W").literal("-f='${Version}'").value(name).literal("2>/dev/null").build())
        .literal("=").value(version).literal("]").build();
    return emit.unless(s, name + "-install", install, installed, List.of(curl), d.spanOf("version"));
  }

  static String masterYaml(Entity d) {
    var m = new TreeMap<String, Object>();
    m.put("port", ((Value.Int) d.get("port")).value());
    m.put("cluster_name", Values.text(d.get("cluster_name")));
    m.put("db", Map.of("host", Values.text(d.get("db_host")), "port", ((Value.Int) d.get("db_port")).value(),
        "name", Values.text(d.get("db_name")), "user", Values.text(d.get("db_user"))));
    m.put("checkpoint_storage", Map.of("type", "shared_fs", "host_path", Values.text(d.get("checkpoint_path"))));
    m.put("resource_pools", List.of(Map.of("pool_name", Values.text(d.get("resource_pool")))));
    return "# managed by labc: determined " + d.name() + "; the database password is in " + DB_DROP_IN + "\n" + yaml(m);
  }

  static String agentYaml(Entity d, String agent, String masterAddr, long port) {
    var m = new TreeMap<String, Object>();
    m.put("agent_id", agent);
    m.put("master_host", masterAddr);
    m.put("master_port", port);
    m.put("resource_pool", Values.text(d.get("resource_pool")));
    m.put("slot_type", Values.text(d.get("slot_type")));
    return "# managed by labc: determined " + d.name() + "\n" + yaml(m);
  }

  /** The drop-in whose environment the master reads its database password from (DET_DB_PASSWORD). */
  static Value dbDropIn(Value password) {
    String pw = password instanceof Value.Secret s ? s.value() : Values.text(password);
    if (pw == null) return password; // unset at plan time: recorded as unset, as the secret itself is
    // systemd unquotes "..." with C escapes and expands %-specifiers: both escaped.
    String escaped = pw.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%");
    String text = "# managed by labc\n[Service]\nEnvironment=\"DET_DB_PASSWORD=" + escaped + "\"\n";
    return password instanceof Value.Secret s ? new Value.Secret(s.source(), text) : Emit.str(text);
  }

  private static String yaml(Object o) {
    try {
      return YAML.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether a std/docker block is on the node. Its body's `service docker` is expanded after this
   * class (with std/core's kinds), so the agent's edge to it is decided from the program.
   */
  private static boolean dockerOn(Program program, String node) {
    return program.ofKind("docker").stream().anyMatch(d -> Values.refs(d.get("on")).stream().anyMatch(r -> r.name().equals(node)));
  }
}
