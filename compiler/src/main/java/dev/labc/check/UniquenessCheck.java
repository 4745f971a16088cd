package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Node addresses and hostnames are unique: two nodes on one address make SSH and /etc/hosts lie. */
final class UniquenessCheck implements ClusterCheck {
  public Code code() { return Code.DUPLICATE_ADDRESS; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    var addresses = new HashMap<String, Entity>();
    var hostnames = new HashMap<String, Entity>();
    for (Entity n : p.ofKind("node")) {
      String addr = Values.text(n.get("address"));
      if (addr != null) {
        Entity prev = addresses.putIfAbsent(addr, n);
        if (prev != null) {
          out.add(Diagnostic.error(code(), n.spanOf("address"), "nodes `" + prev.name() + "` and `" + n.name() + "` share address " + addr,
              "give each node its own address").withRelated(new Related(prev.spanOf("address"), "`" + prev.name() + "` has it too")));
        }
      }
      String host = n.get("hostname") instanceof Value.Str s ? s.value() : n.name();
      Entity prevHost = hostnames.putIfAbsent(host, n);
      if (prevHost != null) {
        out.add(Diagnostic.error(code(), n.spanOf("hostname"), "nodes `" + prevHost.name() + "` and `" + n.name() + "` share hostname `" + host + "`",
            "hostnames must be unique for /etc/hosts, Slurm and Kubernetes node names"));
      }
    }
    return out;
  }
}
