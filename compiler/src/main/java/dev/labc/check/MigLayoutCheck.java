package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MIG layouts must fit the GPU model's geometry: known profile names, at most the per-profile
 * instance count, and at most 7 compute slices and 8 memory slices in all (NVIDIA's MIG guide;
 * the H100 table matches `nvidia-smi mig -lgip` captured on an H100 80GB).
 */
final class MigLayoutCheck implements ClusterCheck {
  /** Profile -> {max instances, compute slices, memory slices (eighths)}. */
  static final Map<String, Map<String, int[]>> PROFILES = Map.of(
      "A100_40GB", Map.of("1g.5gb", new int[] {7, 1, 1}, "1g.10gb", new int[] {4, 1, 2}, "2g.10gb", new int[] {3, 2, 2},
          "3g.20gb", new int[] {2, 3, 4}, "4g.20gb", new int[] {1, 4, 4}, "7g.40gb", new int[] {1, 7, 8}),
      "A100_80GB", Map.of("1g.10gb", new int[] {7, 1, 1}, "1g.20gb", new int[] {4, 1, 2}, "2g.20gb", new int[] {3, 2, 2},
          "3g.40gb", new int[] {2, 3, 4}, "4g.40gb", new int[] {1, 4, 4}, "7g.80gb", new int[] {1, 7, 8}),
      "H100", Map.of("1g.10gb", new int[] {7, 1, 1}, "1g.20gb", new int[] {4, 1, 2}, "2g.20gb", new int[] {3, 2, 2},
          "3g.40gb", new int[] {2, 3, 4}, "4g.40gb", new int[] {1, 4, 4}, "7g.80gb", new int[] {1, 7, 8}),
      "H200", Map.of("1g.18gb", new int[] {7, 1, 1}, "1g.35gb", new int[] {4, 1, 2}, "2g.35gb", new int[] {3, 2, 2},
          "3g.71gb", new int[] {2, 3, 4}, "4g.71gb", new int[] {1, 4, 4}, "7g.141gb", new int[] {1, 7, 8}));

  public Code code() { return Code.MIG_LAYOUT; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity n : p.ofKind("node")) {
      if (!(n.get("gpu") instanceof Value.Obj gpu) || !(gpu.fields().get("mig") instanceof Value.ListV mig) || mig.items().isEmpty()) continue;
      String model = gpu.fields().get("model") instanceof Value.EnumV e ? e.member() : "";
      String key = model.equals("H100_80GB") ? "H100" : model;
      Map<String, int[]> table = PROFILES.get(key);
      if (table == null) {
        out.add(Diagnostic.error(code(), n.spanOf("gpu"), "GPU model " + model + " on node `" + n.name() + "` does not support MIG", "remove `mig`, or use an A100, H100 or H200"));
        continue;
      }
      var counts = new HashMap<String, Integer>();
      int compute = 0, memory = 0;
      for (Value v : mig.items()) {
        String prof = v instanceof Value.Str s ? s.value() : "";
        int[] spec = table.get(prof);
        if (spec == null) {
          out.add(Diagnostic.error(code(), n.spanOf("gpu"), "`" + prof + "` is not a MIG profile of the " + model,
              "profiles are " + String.join(", ", table.keySet().stream().sorted().toList())));
          continue;
        }
        int c = counts.merge(prof, 1, Integer::sum);
        if (c > spec[0]) {
          out.add(Diagnostic.error(code(), n.spanOf("gpu"), "at most " + spec[0] + " × " + prof + " fit on one " + model, null));
        }
        compute += spec[1];
        memory += spec[2];
      }
      if (compute > 7 || memory > 8) {
        out.add(Diagnostic.error(code(), n.spanOf("gpu"), "MIG layout on node `" + n.name() + "` needs " + compute + "/7 compute and " + memory + "/8 memory slices",
            "drop profiles until the layout fits one GPU"));
      }
    }
    return out;
  }
}
