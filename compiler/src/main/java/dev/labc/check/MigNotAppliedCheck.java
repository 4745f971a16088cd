package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A declared MIG layout is checked against the model (E0408) but labc does not create it yet:
 * said plainly at check and plan time, so nobody reads a clean plan as "MIG is set up".
 */
final class MigNotAppliedCheck implements ClusterCheck {
  public Code code() { return Code.MIG_NOT_APPLIED; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity n : p.ofKind("node")) {
      if (!(n.get("gpu") instanceof Value.Obj gpu) || !(gpu.fields().get("mig") instanceof Value.ListV mig) || mig.items().isEmpty()) continue;
      out.add(Diagnostic.warning(code(), n.spanOf("gpu"), "node `" + n.name() + "` declares a MIG layout, which labc checks but does not apply yet: "
              + "MIG mode and GPU instances stay as they are on the cards",
          "create them on the node (`nvidia-smi -i N -mig 1`, a GPU reset, then `nvidia-smi mig -cgi <profiles> -C`); "
              + "@waive(check: \"mig-not-applied\", reason: \"...\") once they are"));
    }
    return out;
  }
}
