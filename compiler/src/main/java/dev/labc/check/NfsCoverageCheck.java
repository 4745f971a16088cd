package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Addresses;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;

/** An NFS export must be open to every client that mounts it, or the mount hangs at boot. */
final class NfsCoverageCheck implements ClusterCheck {
  public Code code() { return Code.NFS_COVERAGE; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity s : p.ofKind("storage")) {
      if (!(s.get("kind") instanceof Value.Str k) || !k.value().equals("nfs")) continue;
      var allow = new ArrayList<String>();
      if (s.get("allow") instanceof Value.ListV l) for (Value v : l.items()) if (v instanceof Value.Cidr c) allow.add(c.text());
      if (allow.isEmpty()) continue;
      for (Value.Ref r : Values.refs(s.get("clients"))) {
        Entity node = p.entity("node", r.name());
        String ip = node == null ? null : Values.text(node.get("address"));
        if (ip == null) continue;
        boolean covered = allow.stream().anyMatch(c -> Addresses.range(c).width() == Addresses.width(ip) && Addresses.range(c).contains(Addresses.number(ip)));
        if (!covered) {
          out.add(Diagnostic.error(code(), s.spanOf("allow"), "NFS export `" + s.name() + "` is not open to client `" + r.name() + "` (" + ip + ")",
              "add a network holding " + ip + " to `allow`, or drop the node from `clients`")
              .withRelated(new Related(node.spanOf("address"), "`" + r.name() + "` has " + ip)));
        }
      }
    }
    return out;
  }
}
