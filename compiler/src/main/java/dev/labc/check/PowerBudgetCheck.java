package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 003: "A single 8x GPU node can pull 3kW." Per circuit, the nodes' base power plus their
 * GPUs' power limits (or the model's board power when no limit is set) stays within the rating.
 */
final class PowerBudgetCheck implements ClusterCheck {
  /** Board power in watts by model (NVIDIA data sheets: SXM parts at their maximum TDP). */
  static final Map<String, Integer> BOARD_POWER = Map.of("A100_40GB", 400, "A100_80GB", 400, "H100", 700, "H100_80GB", 700,
      "H100_NVL", 400, "H200", 700, "L40S", 350, "RTX_4090", 450, "RTX_A6000", 300);

  public Code code() { return Code.POWER_BUDGET; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity circuit : p.ofKind("circuit")) {
      if (!(circuit.get("rating") instanceof Value.Quantity rating)) continue;
      BigDecimal total = BigDecimal.ZERO;
      var parts = new ArrayList<String>();
      for (Entity n : p.ofKind("node")) {
        if (!(n.get("circuit") instanceof Value.Ref r) || !r.name().equals(circuit.name())) continue;
        BigDecimal w = n.get("base_power") instanceof Value.Quantity q ? q.base() : BigDecimal.ZERO;
        if (n.get("gpu") instanceof Value.Obj gpu && gpu.fields().get("count") instanceof Value.Int count) {
          BigDecimal each = gpu.fields().get("power_limit") instanceof Value.Quantity pl ? pl.base()
              : BigDecimal.valueOf(BOARD_POWER.getOrDefault(gpu.fields().get("model") instanceof Value.EnumV e ? e.member() : "", 300));
          w = w.add(each.multiply(BigDecimal.valueOf(count.value())));
        }
        total = total.add(w);
        parts.add(n.name() + " " + w.stripTrailingZeros().toPlainString() + "W");
      }
      if (total.compareTo(rating.base()) > 0) {
        out.add(Diagnostic.error(code(), circuit.spanOf("rating"), "circuit `" + circuit.name() + "` is rated " + rating.text() + " but its nodes can draw "
                + total.stripTrailingZeros().toPlainString() + "W (" + String.join(", ", parts) + ")",
            "lower GPU `power_limit`s, move nodes to another circuit, or have the circuit upgraded"));
      }
    }
    return out;
  }
}
