package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Seed 003: "You have to manage MUNGE keys." Each node's munge package generates its own key,
 * and daemons with different keys refuse each other; so a Slurm cluster that labc runs on more
 * than one machine declares `munge_key`, which labc writes to every node. (The facts check
 * E0416 finds differing keys only once the nodes are up.)
 */
final class MungeKeyCheck implements ClusterCheck {
  public Code code() { return Code.MUNGE_KEY; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity s : p.ofKind("slurm")) {
      if (!(s.get("munge_key") instanceof Value.Null)) continue;
      if (s.get("daemons") instanceof Value.Bool b && !b.value()) continue; // the image brings munge and its key
      var machines = new TreeSet<String>();
      if (s.get("controller") instanceof Value.Ref c) machines.add(c.name());
      for (Value.Ref w : Values.refs(s.get("workers"))) machines.add(w.name());
      if (machines.size() < 2) continue; // one machine: its own key is the shared key
      out.add(Diagnostic.error(code(), s.span(), "slurm `" + s.name() + "` runs on " + machines.size() + " nodes (" + String.join(", ", machines)
              + ") without `munge_key`: each node's munge package makes its own key, and the daemons then reject each other",
          "set `munge_key` to a secret param, e.g. `param munge_key: secret string = env(\"MUNGE_KEY\")` (`openssl rand -base64 1024 | tr -d '\\n'`)"));
    }
    return out;
  }
}
