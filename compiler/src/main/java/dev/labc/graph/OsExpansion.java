package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import java.util.List;

/**
 * std/os's `os` kind (seeds 000, 004): per node, sshd's keep-alive and port in a drop-in with ssh
 * reloaded when it changes, unattended-upgrades removed, the default boot target, the wait-online
 * units disabled, and apt's mirror and proxy. Settings left unset produce nothing.
 */
final class OsExpansion {
  /** Earlier files win in sshd_config.d (sshd keeps the first value it reads), hence 00-. */
  static final String SSHD_DROP_IN = "/etc/ssh/sshd_config.d/00-labc.conf";
  static final String APT_PROXY = "/etc/apt/apt.conf.d/95labc-proxy";
  static final List<String> WAIT_ONLINE = List.of("NetworkManager-wait-online.service", "systemd-networkd-wait-online.service");
  /** The sources files an Ubuntu install has: one-line (22.04 and before) and deb822 (24.04). */
  static final List<String> APT_SOURCES = List.of("/etc/apt/sources.list", "/etc/apt/sources.list.d/ubuntu.sources");

  private OsExpansion() {}

  static void expand(Program program, Entity os, Emit emit) {
    var on = Values.refs(os.get("on"));
    List<String> nodes = on.isEmpty() ? program.ofKind("node").stream().map(Entity::name).toList() : on.stream().map(Value.Ref::name).toList();
    String sshd = sshdDropIn(os);
    for (String n : nodes) {
      Scope s = Scope.node(n);
      if (sshd != null) {
        ResourceAddr file = emit.file(s, SSHD_DROP_IN, sshd, List.of(), os.span());
        // Ubuntu's ssh.service reloads with `sshd -t` first, so a config sshd rejects leaves the running daemon as it was.
        emit.service(s, "ssh", List.of(file), "reload", List.of(), os.span());
      }
      if (os.get("unattended_upgrades") instanceof Value.Bool b && !b.value()) emit.absent(s, "unattended-upgrades", os.spanOf("unattended_upgrades"));
      if (os.get("default_target") instanceof Value.Str t) {
        emit.unless(s, "default-target", ShellCommand.builder().literal("systemctl").literal("set-default").value(t.value()).build(),
            ShellCommand.builder().literal("[").output(ShellCommand.builder().literal("systemctl").literal("get-default").build()).literal("=").value(t.value()).literal("]").build(),
            List.of(), os.spanOf("default_target"));
      }
      if (os.get("wait_online") instanceof Value.Bool b && !b.value()) {
        // A unit the node does not have counts as disabled.
        for (String unit : WAIT_ONLINE) {
          emit.unless(s, "disable-" + unit.replace(".service", ""), ShellCommand.builder().literal("systemctl").literal("disable").value(unit).build(),
              ShellCommand.builder().literal("!").literal("systemctl").literal("is-enabled").literal("-q").value(unit).build(), List.of(), os.spanOf("wait_online"));
        }
      }
      ResourceAddr proxy = null;
      if (os.get("apt_proxy") instanceof Value.Str p) {
        proxy = emit.file(s, APT_PROXY, "// managed by labc: os " + os.name() + "\nAcquire::http::Proxy \"" + p.value() + "\";\nAcquire::https::Proxy \"" + p.value() + "\";\n",
            List.of(), os.spanOf("apt_proxy"));
      }
      if (os.get("apt_mirror") instanceof Value.Str m) {
        String mirror = m.value().replaceFirst("/+$", "");
        // Seed 004's sed, for both sources formats; then the index from the mirror.
        // ls keeps the sources files this release has; xargs hands them to sed (their names have no blanks).
        ShellCommand sed = ShellCommand.builder().literal("ls").literal("-d").values(APT_SOURCES).literal("2>/dev/null")
            .literal("|").literal("xargs").literal("-r").literal("sed").literal("-i").literal("-E")
            .value("s#https?://([a-z0-9.-]+\\.)?(archive|security)\\.ubuntu\\.com/ubuntu/?#" + mirror + "/#g").build();
        emit.unless(s, "apt-mirror", sed.andThen(ShellCommand.builder().literal("apt-get").literal("update").build()),
            ShellCommand.builder().literal("!").literal("grep").literal("-qsE").value("(archive|security)\\.ubuntu\\.com/ubuntu").values(APT_SOURCES).build(),
            proxy == null ? List.of() : List.of(proxy), os.spanOf("apt_mirror"));
      }
    }
  }

  /** The sshd drop-in, or null when no sshd setting is declared. */
  static String sshdDropIn(Entity os) {
    var sb = new StringBuilder();
    if (os.get("ssh_port") instanceof Value.Int p) sb.append("Port ").append(p.value()).append('\n');
    if (os.get("ssh_tcp_keepalive") instanceof Value.Bool b) sb.append("TCPKeepAlive ").append(b.value() ? "yes" : "no").append('\n');
    if (os.get("ssh_client_alive_interval") instanceof Value.Int i) sb.append("ClientAliveInterval ").append(i.value()).append('\n');
    if (os.get("ssh_client_alive_count_max") instanceof Value.Int c) sb.append("ClientAliveCountMax ").append(c.value()).append('\n');
    return sb.isEmpty() ? null : "# managed by labc: os " + os.name() + "\n" + sb;
  }
}
