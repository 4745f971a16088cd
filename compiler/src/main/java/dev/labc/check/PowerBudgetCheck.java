package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.syntax.Units;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003: "A single 8x GPU node can pull 3kW." Per circuit, what its nodes can draw at full
 * load stays within 80% of the rating: GPU nodes run for hours, and a breaker may carry a
 * continuous load of 80% of its rating (NEC 210.20(A)). A rating in amps is taken at the
 * circuit's voltage; one in VA as watts (server power supplies correct their power factor to
 * about 1).
 */
final class PowerBudgetCheck implements ClusterCheck {
  static final BigDecimal CONTINUOUS = new BigDecimal("0.8");

  public Code code() { return Code.POWER_BUDGET; }

  /** How many of a circuit's nodes an error names: a loop of 20,000 nodes is one mistake. */
  private static final int SHOWN = 5;

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity circuit : p.ofKind("circuit")) {
      if (!(circuit.get("rating") instanceof Value.Quantity rating)) continue;
      BigDecimal watts = rating.base();
      String rated = rating.text();
      if (rating.dimension() == Units.Dimension.CURRENT) {
        if (!(circuit.get("voltage") instanceof Value.Quantity volts)) continue;
        watts = rating.base().multiply(volts.base());
        rated = rating.text() + " at " + volts.text() + " = " + show(watts);
      }
      BigDecimal allowed = watts.multiply(CONTINUOUS);
      BigDecimal total = BigDecimal.ZERO;
      var parts = new ArrayList<String>();
      var related = new ArrayList<Related>();
      for (Entity n : p.ofKind("node")) {
        if (!(n.get("circuit") instanceof Value.Ref r) || !r.name().equals(circuit.name())) continue;
        BigDecimal w = draw(n);
        total = total.add(w);
        parts.add(n.name() + " " + show(w));
        related.add(new Related(n.spanOf("circuit"), "`" + n.name() + "` can draw " + show(w)));
      }
      if (total.compareTo(allowed) > 0) {
        var d = Diagnostic.error(code(), circuit.spanOf("rating"), "circuit `" + circuit.name() + "` is rated " + rated
                + ", so it may carry " + show(allowed) + " continuously (80%), but its nodes can draw " + show(total)
                + " (" + Names.some(parts, SHOWN) + ")",
            "lower GPU `power_limit`s, move nodes to another circuit (their `circuit`), or raise `rating` once the circuit is upgraded");
        for (Related r : related.subList(0, Math.min(SHOWN, related.size()))) d = d.withRelated(r);
        out.add(d);
      }
    }
    return out;
  }

  /**
   * A node at full load: its GPUs at their power limit (else board power), plus the rest of the
   * server: `base_power` when declared, else 300W and the model's per-GPU share of the platform.
   */
  static BigDecimal draw(Entity n) {
    BigDecimal base = n.get("base_power") instanceof Value.Quantity q ? q.base() : null;
    BigDecimal gpus = BigDecimal.ZERO;
    if (n.get("gpu") instanceof Value.Obj gpu && gpu.fields().get("count") instanceof Value.Int count) {
      var model = gpu.fields().get("model") instanceof Value.EnumV e ? GpuModels.of(e.member()) : java.util.Optional.<GpuModels.GpuModel>empty();
      BigDecimal each = gpu.fields().get("power_limit") instanceof Value.Quantity pl ? pl.base()
          : BigDecimal.valueOf(model.map(GpuModels.GpuModel::boardWatts).orElse(300));
      gpus = each.multiply(BigDecimal.valueOf(count.value()));
      if (base == null) {
        base = BigDecimal.valueOf(GpuModels.NODE_BASE_WATTS + count.value() * model.map(GpuModels.GpuModel::platformWattsPerGpu).orElse(0));
      }
    }
    return (base == null ? BigDecimal.valueOf(GpuModels.NODE_BASE_WATTS) : base).add(gpus);
  }

  private static String show(BigDecimal watts) {
    return watts.stripTrailingZeros().toPlainString() + "W";
  }
}
