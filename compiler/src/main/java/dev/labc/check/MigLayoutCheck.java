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
 * the H100 table matches `nvidia-smi mig -lgip` captured on an H100 80GB). Tables: {@link GpuModels}.
 */
final class MigLayoutCheck implements ClusterCheck {
  public Code code() { return Code.MIG_LAYOUT; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity n : p.ofKind("node")) {
      if (!(n.get("gpu") instanceof Value.Obj gpu) || !(gpu.fields().get("mig") instanceof Value.ListV mig) || mig.items().isEmpty()) continue;
      String model = gpu.fields().get("model") instanceof Value.EnumV e ? e.member() : "";
      Map<String, GpuModels.MigProfile> table = GpuModels.of(model).map(GpuModels.GpuModel::mig).orElse(Map.of());
      if (table.isEmpty()) {
        out.add(Diagnostic.error(code(), n.spanOf("gpu.mig"), "GPU model " + model + " on node `" + n.name() + "` does not support MIG",
            "remove `mig`, or use an A100, H100, H200 or B200"));
        continue;
      }
      var counts = new HashMap<String, Integer>();
      int compute = 0, memory = 0;
      for (Value v : mig.items()) {
        String prof = v instanceof Value.Str s ? s.value() : "";
        GpuModels.MigProfile spec = table.get(prof);
        if (spec == null) {
          out.add(Diagnostic.error(code(), n.spanOf("gpu.mig"), "`" + prof + "` is not a MIG profile of the " + model,
              "profiles are " + String.join(", ", table.keySet().stream().sorted().toList())));
          continue;
        }
        int c = counts.merge(prof, 1, Integer::sum);
        if (c > spec.maxInstances()) {
          out.add(Diagnostic.error(code(), n.spanOf("gpu.mig"), "at most " + spec.maxInstances() + " × " + prof + " fit on one " + model, null));
        }
        compute += spec.computeSlices();
        memory += spec.memorySlices();
      }
      if (compute > 7 || memory > 8) {
        out.add(Diagnostic.error(code(), n.spanOf("gpu.mig"), "MIG layout on node `" + n.name() + "` needs " + compute + "/7 compute and " + memory + "/8 memory slices",
            "drop profiles until the layout fits one GPU"));
      }
    }
    return out;
  }
}
