package dev.labc.cli;

import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.runtime.transport.HostEndpoint;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Where each node is reached over SSH: its ssh_address (else address), ssh_user, ssh_port and ssh_via (a jump node). */
final class NodeEndpoints {
  private NodeEndpoints() {}

  /** Each node's endpoint from its address, ssh_user, ssh_port and ssh_via (a jump node). */
  static Map<String, HostEndpoint> of(Program program) {
    var out = new TreeMap<String, HostEndpoint>();
    for (Entity n : program.ofKind("node")) out.put(n.name(), endpoint(program, n, 0));
    return out;
  }

  /**
   * The declared nodes' endpoints, and for nodes no longer declared the endpoint state recorded
   * for them ({@code node.<name>.endpoint}), so their resources can still be removed.
   */
  static Map<String, HostEndpoint> of(Program program, dev.labc.state.State state) {
    var out = of(program);
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
    // The management address, when the node has one apart from its cluster address.
    String address = switch (n.get("ssh_address") instanceof Value.Ip m ? m : n.get("address")) {
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
