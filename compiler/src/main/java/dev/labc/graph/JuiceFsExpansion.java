package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * std/juicefs's `juicefs` kind (seed 001): the client on every node of `on`, the volume formatted
 * once from the first of them (unless the metadata engine already has it), and a systemd service
 * per node holding the mount. The bucket's secret key and the metadata password reach the node
 * only as environment at apply time (format) or in a root-only environment file (mount).
 */
final class JuiceFsExpansion {
  static final String BINARY = "/usr/local/bin/juicefs";

  private JuiceFsExpansion() {}

  static String volume(Entity j) { return j.get("name") instanceof Value.Str n ? n.value() : j.name(); }

  static String envPath(Entity j) { return "/etc/juicefs/" + j.name() + ".env"; }

  static String unitName(Entity j) { return "juicefs-" + j.name(); }

  static void expand(Entity j, Emit emit) {
    var on = Values.refs(j.get("on"));
    String meta = Values.text(j.get("meta_url"));
    boolean metaPassword = j.get("meta_password") instanceof Value.Secret;
    ResourceAddr format = null;
    for (Value.Ref r : on) {
      Scope s = Scope.node(r.name());
      ResourceAddr curl = emit.pkg(s, "curl", List.of(), j.span());
      ResourceAddr fuse = emit.pkg(s, "fuse3", List.of(), j.span());
      ResourceAddr client = emit.creates(s, "juicefs-client", ShellCommand.builder().literal("curl").literal("-fsSL").literal("https://d.juicefs.com/install")
          .literal("|").literal("sh").literal("-").build(), BINARY, List.of(curl, fuse), j.span());
      if (format == null) {
        // Secrets as environment (ACCESS_KEY is plain, SECRET_KEY and META_PASSWORD are not):
        // never on the command line, where ps would show them.
        var env = new TreeMap<String, Value>();
        env.put("SECRET_KEY", j.get("secret_key"));
        if (metaPassword) env.put("META_PASSWORD", j.get("meta_password"));
        var attrs = new TreeMap<String, Value>();
        attrs.put("command", Emit.shell(ShellCommand.builder().value(BINARY).literal("format").literal("--storage").value(Values.text(j.get("storage")))
            .literal("--bucket").value(Values.text(j.get("bucket"))).literal("--access-key").value(Values.text(j.get("access_key")))
            .value(meta).value(volume(j)).build()));
        attrs.put("env", new Value.Obj(env));
        attrs.put("unless", Emit.shell(ShellCommand.builder().value(BINARY).literal("status").value(meta).build()));
        format = s.resource("command", "juicefs-format-" + j.name());
        emit.add(format, "command", attrs, List.of(client), j.spanOf("bucket"));
      }
      var watched = new java.util.ArrayList<ResourceAddr>();
      if (metaPassword) watched.add(emit.file(s, envPath(j), envFile(j.get("meta_password")), "0600", List.of(), j.spanOf("meta_password")));
      watched.add(emit.file(s, "/etc/systemd/system/" + unitName(j) + ".service", unit(j, metaPassword), List.of(), j.span()));
      emit.service(s, unitName(j), watched, "restart", List.of(client, format), j.spanOf("mount"));
    }
  }

  /** META_PASSWORD for the mount service; secret as a whole. */
  static Value envFile(Value password) {
    String pw = password instanceof Value.Secret s ? s.value() : Values.text(password);
    if (pw == null) return password;
    String text = "# managed by labc\nMETA_PASSWORD=" + envQuote(pw) + "\n";
    return password instanceof Value.Secret s ? new Value.Secret(s.source(), text) : Emit.str(text);
  }

  /** A double-quoted EnvironmentFile value: systemd unescapes backslash, quote and dollar there. */
  static String envQuote(String v) {
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
  }

  /** `juicefs mount` in the foreground under systemd; stopping the service unmounts. */
  static String unit(Entity j, boolean metaPassword) {
    String mount = Values.text(j.get("mount"));
    return "# managed by labc: juicefs " + j.name() + "\n"
        + "[Unit]\nDescription=JuiceFS volume " + volume(j) + " at " + mount + "\nWants=network-online.target\nAfter=network-online.target\n\n"
        + "[Service]\nType=simple\n" + (metaPassword ? "EnvironmentFile=" + envPath(j) + "\n" : "")
        + "ExecStart=" + BINARY + " mount " + Values.text(j.get("meta_url")) + " " + mount
        + " --cache-dir " + Values.text(j.get("cache_dir")) + " --cache-size " + ((Value.Int) j.get("cache_size")).value() + "\n"
        + "ExecStop=" + BINARY + " umount " + mount + "\nRestart=on-failure\nRestartSec=10\n\n"
        + "[Install]\nWantedBy=multi-user.target\n";
  }
}
