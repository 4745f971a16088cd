package dev.labc.cli;

import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.runtime.transport.DialAllowList;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.SshOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** How commands that reach hosts connect: known_hosts, identities, ssh config, key exchange. */
final class SshFlags {
  @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (default ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts).")
  List<Path> knownHosts;

  @Option(names = "--accept-new", description = "Record unknown host keys (changed keys are still refused).")
  boolean acceptNew;

  @Option(names = {"-i", "--identity"}, paramLabel = "FILE", description = "Private key to offer (default ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
  List<Path> identities;

  @Option(names = "--ssh-config", paramLabel = "FILE", description = "OpenSSH client config (default ~/.ssh/config).")
  Path sshConfig;

  @Option(names = "--kex", paramLabel = "NAME", description = "Pin the key exchange, e.g. curve25519-sha256.")
  String kex;

  @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Connect and authentication timeout.")
  int connectTimeout;

  SshOptions options() {
    SshOptions o = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(connectTimeout));
    if (knownHosts != null && !knownHosts.isEmpty()) o = o.withKnownHosts(knownHosts);
    if (acceptNew) o = o.withHostKeyPolicy(SshOptions.HostKeyPolicy.ACCEPT_NEW);
    if (identities != null && !identities.isEmpty()) o = o.withIdentities(identities);
    if (sshConfig != null) o = o.withSshConfig(Optional.of(sshConfig));
    if (kex != null) o = o.withKeyExchange(kex);
    if (o.identities().isEmpty() && o.agentSocket().isEmpty()) {
      throw new IllegalArgumentException("no SSH key to offer: no ssh-agent (SSH_AUTH_SOCK) and none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa; pass -i KEY");
    }
    return o.withAllowList(DialAllowList.fromEnvironment());
  }

  /** Each node's endpoint from its address, ssh_user, ssh_port and ssh_via (a jump node). */
  static Map<String, HostEndpoint> endpoints(Program program) {
    var out = new TreeMap<String, HostEndpoint>();
    for (Entity n : program.ofKind("node")) out.put(n.name(), endpoint(program, n, 0));
    return out;
  }

  /**
   * The declared nodes' endpoints, and for nodes no longer declared the endpoint state recorded
   * for them ({@code node.<name>.endpoint}), so their resources can still be removed.
   */
  static Map<String, HostEndpoint> endpoints(Program program, dev.labc.state.State state) {
    var out = endpoints(program);
    var recorded = new TreeMap<String, java.util.SortedMap<String, dev.labc.state.Value>>();
    for (var rs : state.resources().values()) {
      if (rs.addr().type().equals("endpoint") && rs.addr().scope().kind() == dev.labc.addr.ScopeKind.NODE && !out.containsKey(rs.addr().scope().name())) {
        recorded.put(rs.addr().scope().name(), rs.attributes());
      }
    }
    for (String name : recorded.keySet()) out.put(name, recorded(name, recorded, out, 0));
    return out;
  }

  private static HostEndpoint recorded(String name, Map<String, java.util.SortedMap<String, dev.labc.state.Value>> recorded,
                                       Map<String, HostEndpoint> declared, int depth) {
    var a = recorded.get(name);
    String address = a.get("address") instanceof dev.labc.state.Value.Text t ? t.value() : name;
    int port = a.get("port") instanceof dev.labc.state.Value.Num p ? p.value().intValue() : 22;
    String user = a.get("user") instanceof dev.labc.state.Value.Text t ? t.value() : "root";
    Optional<HostEndpoint> jump = Optional.empty();
    if (a.get("via") instanceof dev.labc.state.Value.Text via && depth < 8) {
      if (declared.containsKey(via.value()) && !recorded.containsKey(via.value())) jump = Optional.of(declared.get(via.value()));
      else if (recorded.containsKey(via.value())) jump = Optional.of(recorded(via.value(), recorded, declared, depth + 1));
    }
    return new HostEndpoint(name, address, port, user, jump);
  }

  private static HostEndpoint endpoint(Program program, Entity n, int depth) {
    String address = switch (n.get("address")) {
      case Value.Ip ip -> ip.text();
      case Value.Str s -> s.value();
      default -> n.name();
    };
    String user = n.get("ssh_user") instanceof Value.Str s ? s.value() : "root";
    int port = n.get("ssh_port") instanceof Value.Int i ? (int) i.value() : 22;
    Optional<HostEndpoint> jump = Optional.empty();
    if (n.get("ssh_via") instanceof Value.Ref r && depth < 8) {
      Entity via = program.entity("node", r.name());
      if (via != null) jump = Optional.of(endpoint(program, via, depth + 1));
    }
    return new HostEndpoint(n.name(), address, port, user, jump);
  }
}
