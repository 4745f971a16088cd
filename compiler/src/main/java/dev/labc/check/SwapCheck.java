package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Kubernetes nodes must run without swap; K3s and RKE2 tolerate it silently and evict oddly. */
final class SwapCheck implements ClusterCheck {
  public Code code() { return Code.SWAP_ON_KUBERNETES; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    var seen = new TreeSet<String>();
    for (Entity c : p.ofKind("cluster")) {
      var members = new ArrayList<Value.Ref>(Values.refs(c.get("servers")));
      members.addAll(Values.refs(c.get("agents")));
      for (Value.Ref r : members) {
        Entity n = p.entity("node", r.name());
        if (n != null && n.get("swap") instanceof Value.Bool b && b.value() && seen.add(n.name())) {
          out.add(Diagnostic.error(code(), n.spanOf("swap"), "node `" + n.name() + "` is in cluster `" + c.name() + "` but keeps swap on",
              "set `swap = false`; labc turns swap off now and in /etc/fstab")
              .withRelated(new Related(c.spanOf(Values.refs(c.get("servers")).contains(r) ? "servers" : "agents"), "`" + n.name() + "` joins cluster `" + c.name() + "` here")));
        }
      }
    }
    return out;
  }
}
