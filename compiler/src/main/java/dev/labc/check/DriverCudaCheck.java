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
import java.util.Map;
import java.util.TreeMap;

/**
 * The driver must meet the minimum for the declared CUDA version (NVIDIA's CUDA release notes,
 * Linux x86_64): a node's own `gpu.driver_version`, and the branch std/nvidia's `nvidia_driver`
 * installs on it. A branch ("550") installs its newest release, so it meets a minimum of its
 * own branch (550.54.14); a full version ("550.40.07") is compared as it is.
 */
final class DriverCudaCheck implements ClusterCheck {
  static final TreeMap<String, String> MIN_DRIVER = new TreeMap<>(Map.ofEntries(
      Map.entry("11.8", "520.61.05"), Map.entry("12.0", "525.60.13"), Map.entry("12.1", "530.30.02"), Map.entry("12.2", "535.54.03"),
      Map.entry("12.3", "545.23.06"), Map.entry("12.4", "550.54.14"), Map.entry("12.5", "555.42.02"), Map.entry("12.6", "560.28.03"),
      Map.entry("12.8", "570.26"), Map.entry("12.9", "575.51.03"), Map.entry("13.0", "580.65.06")));

  public Code code() { return Code.DRIVER_CUDA; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity n : p.ofKind("node")) {
      if (!(n.get("gpu") instanceof Value.Obj gpu)) continue;
      if (!(gpu.fields().get("cuda_version") instanceof Value.Str cuda) || !(gpu.fields().get("driver_version") instanceof Value.Str driver)) continue;
      String min = minimum(cuda.value());
      if (min == null) continue;
      if (compare(driver.value(), min) < 0) {
        out.add(Diagnostic.error(code(), n.spanOf("gpu.driver_version"), "CUDA " + cuda.value() + " needs driver " + min + " or newer; node `" + n.name() + "` declares " + driver.value(),
            "raise `driver_version`, or declare the CUDA version this driver supports")
            .withRelated(new Related(n.spanOf("gpu.cuda_version"), "CUDA " + cuda.value() + " is declared here")));
      }
    }
    for (Entity d : p.ofKind("nvidia_driver")) {
      String version = Values.text(d.get("version"));
      String branch = NvidiaBranch.of(version);
      if (branch == null) continue;
      for (Value.Ref r : Values.refs(d.get("on"))) {
        Entity n = p.entity("node", r.name());
        if (n == null || !(n.get("gpu") instanceof Value.Obj gpu) || !(gpu.fields().get("cuda_version") instanceof Value.Str cuda)) continue;
        String min = minimum(cuda.value());
        if (min == null) continue;
        boolean branchOnly = version.equals(branch);
        boolean tooOld = branchOnly ? compare(branch, min.split("\\.")[0]) < 0 : compare(version, min) < 0;
        if (tooOld) {
          out.add(Diagnostic.error(code(), d.spanOf("version"), "nvidia_driver `" + d.name() + "` installs " + (branchOnly ? "branch " : "driver ") + version
                  + " on node `" + n.name() + "`, which declares CUDA " + cuda.value() + ": that needs driver " + min + " or newer",
              "raise `version` to " + (branchOnly ? "branch " + min.split("\\.")[0] : min) + " or newer, or lower the node's `cuda_version`")
              .withRelated(new Related(n.spanOf("gpu.cuda_version"), "node `" + n.name() + "` declares CUDA " + cuda.value())));
        }
      }
    }
    return out;
  }

  /** The minimum driver for a CUDA version, by its major.minor; null when unknown. */
  private static String minimum(String cuda) {
    String[] cv = cuda.split("\\.");
    return MIN_DRIVER.get(cv[0] + "." + (cv.length > 1 ? cv[1] : "0"));
  }

  static int compare(String a, String b) {
    String[] x = a.split("[.-]"), y = b.split("[.-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = compareComponent(i < x.length ? x[i] : "0", i < y.length ? y[i] : "0");
      if (c != 0) return c;
    }
    return 0;
  }

  /** Digits compared as numbers of any length (a component past a long is not a crash); anything else counts as 0. */
  private static int compareComponent(String x, String y) {
    String a = x.matches("\\d+") ? x.replaceFirst("^0+(?=.)", "") : "0";
    String b = y.matches("\\d+") ? y.replaceFirst("^0+(?=.)", "") : "0";
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }
}
