package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import java.util.List;

/**
 * std/minio's `minio` kind (seed 001's cold tier): the minio-user account, the server binary,
 * the data directory owned by that account, /etc/default/minio with the root credentials (the
 * password a secret, so the file is recorded by digest only), and MinIO's own systemd unit,
 * restarted when either file changes.
 */
final class MinioExpansion {
  static final String BINARY = "/usr/local/bin/minio";
  static final String ENV_FILE = "/etc/default/minio";
  static final String UNIT = "/etc/systemd/system/minio.service";
  static final String ACCOUNT = "minio-user";

  private MinioExpansion() {}

  static void expand(Entity m, Emit emit) {
    Scope s = Scope.node(((Value.Ref) m.get("on")).name());
    String data = Values.text(m.get("data"));
    ResourceAddr curl = emit.pkg(s, "curl", List.of(), m.span());
    ResourceAddr account = emit.unless(s, "minio-account", ShellCommand.builder().literal("useradd").literal("--system").literal("--user-group")
            .literal("--no-create-home").literal("--shell").literal("/usr/sbin/nologin").value(ACCOUNT).build(),
        ShellCommand.builder().literal("id").literal("-u").value(ACCOUNT).build(), List.of(), m.span());
    // Downloaded beside the target and renamed, so a broken download never leaves a half binary in place.
    String part = BINARY + ".part";
    ShellCommand download = ShellCommand.builder().literal("curl").literal("-fsSLo").value(part).value(Values.text(m.get("binary_url"))).build()
        .andThen(ShellCommand.builder().literal("chmod").literal("0755").value(part).build())
        .andThen(ShellCommand.builder().literal("mv").value(part).value(BINARY).build());
    ResourceAddr binary = emit.creates(s, "minio-binary", download, BINARY, List.of(curl), m.spanOf("binary_url"));
    ResourceAddr dir = emit.unless(s, "minio-data",
        ShellCommand.builder().literal("install").literal("-d").literal("-m").literal("0750").literal("-o").value(ACCOUNT).literal("-g").value(ACCOUNT)
            .value(data).build(),
        ShellCommand.builder().literal("[").output(ShellCommand.builder().literal("stat").literal("-c").literal("%U").value(data).build())
            .literal("=").value(ACCOUNT).literal("]").build(), List.of(account), m.spanOf("data"));
    ResourceAddr env = emit.file(s, ENV_FILE, envFile(m), "0600", List.of(), m.spanOf("root_password"));
    ResourceAddr unit = emit.file(s, UNIT, unit(m), List.of(), m.span());
    emit.service(s, "minio", List.of(env, unit), "restart", List.of(binary, dir), m.span());
  }

  /** /etc/default/minio as systemd reads it; a secret as a whole because the password is in it. */
  static Value envFile(Entity m) {
    Value password = m.get("root_password");
    String pw = password instanceof Value.Secret s ? s.value() : Values.text(password);
    if (pw == null) return password; // unset at plan time: recorded as unset, as the secret itself is
    String text = "# managed by labc: minio " + m.name() + "\n"
        + "MINIO_VOLUMES=" + envQuote(Values.text(m.get("data"))) + "\n"
        + "MINIO_OPTS=\"--address :" + ((Value.Int) m.get("port")).value() + " --console-address :" + ((Value.Int) m.get("console_port")).value() + "\"\n"
        + "MINIO_ROOT_USER=" + envQuote(Values.text(m.get("root_user"))) + "\n"
        + "MINIO_ROOT_PASSWORD=" + envQuote(pw) + "\n";
    return password instanceof Value.Secret s ? new Value.Secret(s.source(), text) : Emit.str(text);
  }

  /** A double-quoted EnvironmentFile value: systemd unescapes backslash, quote and dollar there. */
  static String envQuote(String v) {
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
  }

  /** MinIO's published unit: refuses to start without MINIO_VOLUMES. */
  static String unit(Entity m) {
    return "# managed by labc: minio " + m.name() + "\n"
        + "[Unit]\nDescription=MinIO\nWants=network-online.target\nAfter=network-online.target\nAssertFileIsExecutable=" + BINARY + "\n\n"
        + "[Service]\nType=notify\nUser=" + ACCOUNT + "\nGroup=" + ACCOUNT + "\nEnvironmentFile=" + ENV_FILE + "\n"
        + "ExecStartPre=/bin/bash -c \"if [ -z \\\"${MINIO_VOLUMES}\\\" ]; then echo \\\"MINIO_VOLUMES not set in " + ENV_FILE + "\\\"; exit 1; fi\"\n"
        + "ExecStart=" + BINARY + " server $MINIO_OPTS $MINIO_VOLUMES\n"
        + "Restart=always\nLimitNOFILE=1048576\nTimeoutStopSec=infinity\nSendSIGKILL=no\n\n"
        + "[Install]\nWantedBy=multi-user.target\n";
  }
}
