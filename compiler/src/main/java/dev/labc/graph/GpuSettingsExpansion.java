package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A node's `gpu { power_limit persistence }` as one `gpu` step on the node (`node.X.gpu`) that sets
 * each of its `count` cards with `nvidia-smi -i N -pm` / `-pl` and reads all of them back in one
 * query for drift: one step and one process per node, not per card (a 64-node, 8-GPU cluster's
 * plan and refresh stay the size they were). After the node's NVIDIA driver package and
 * persistence daemon when labc installs them, since nvidia-smi needs the driver. On nodes whose
 * driver the GPU Operator owns, nvidia-smi runs in the driver container's root (chroot). A
 * `gpu { mig }` layout is two more steps, `node.X.mig_mode` and `node.X.mig`.
 */
final class GpuSettingsExpansion {
  static final String OPERATOR_DRIVER_ROOT = "/run/nvidia/driver";

  private GpuSettingsExpansion() {}

  static void expand(Program program, List<Entity> nodes, Emit emit) {
    for (Entity n : nodes) {
      if (!(n.get("gpu") instanceof Value.Obj gpu) || !(gpu.fields().get("count") instanceof Value.Int count)) continue;
      mig(program, n, gpu, count, emit);
      var attrs = new TreeMap<String, Value>();
      // Watts as nvidia-smi takes them after -pl: "1.5kW" is "1500".
      if (gpu.fields().get("power_limit") instanceof Value.Quantity pl) attrs.put("power_limit_watts", new Value.Str(watts(pl.base())));
      if (gpu.fields().get("persistence") instanceof Value.Bool pm) attrs.put("persistence", pm);
      if (attrs.isEmpty()) continue;
      attrs.put("count", count);
      // The GPU Operator's driver container mounts its root here; nvidia-smi is only inside it.
      if (gpu.fields().get("driver") instanceof Value.Str d && d.value().equals("operator")) attrs.put("driver_root", new Value.Str(OPERATOR_DRIVER_ROOT));
      Scope s = Scope.node(n.name());
      emit.add(s.resource("gpu"), "gpu", attrs, driverSteps(program, n.name(), s, emit), n.spanOf("gpu"));
    }
  }

  /**
   * A declared MIG layout as two steps: MIG mode on every card (a reboot makes it current, so the
   * plan marks it), then the layout's GPU and compute instances, which apply creates on the new boot.
   */
  private static void mig(Program program, Entity n, Value.Obj gpu, Value.Int count, Emit emit) {
    if (!(gpu.fields().get("mig") instanceof Value.ListV mig) || mig.items().isEmpty()) return;
    var profiles = new ArrayList<Value>();
    for (Value p : mig.items()) if (p instanceof Value.Str s) profiles.add(s);
    Scope s = Scope.node(n.name());
    var mode = new TreeMap<String, Value>();
    mode.put("count", count);
    if (gpu.fields().get("driver") instanceof Value.Str d && d.value().equals("operator")) mode.put("driver_root", new Value.Str(OPERATOR_DRIVER_ROOT));
    emit.add(s.resource("mig_mode"), "mig_mode", mode, driverSteps(program, n.name(), s, emit), n.spanOf("gpu"));
    var layout = new TreeMap<>(mode);
    layout.put("profiles", new Value.ListV(profiles));
    emit.add(s.resource("mig"), "mig", layout, List.of(s.resource("mig_mode")), n.spanOf("gpu"));
  }

  static String watts(BigDecimal base) {
    return base.stripTrailingZeros().toPlainString();
  }

  /** std/nvidia's package name: "550.90.07" with `server` is "nvidia-driver-550-server". */
  private static String driverPackage(Entity d) {
    String version = Values.text(d.get("version"));
    int dot = version.indexOf('.');
    boolean server = d.get("server") instanceof Value.Bool b && b.value();
    return "nvidia-driver-" + (dot < 0 ? version : version.substring(0, dot)) + (server ? "-server" : "");
  }

  /** The driver package and persistence daemon std/nvidia put on this node, if any. */
  private static List<ResourceAddr> driverSteps(Program program, String node, Scope s, Emit emit) {
    var out = new ArrayList<ResourceAddr>();
    for (Entity d : program.ofKind("nvidia_driver")) {
      if (Values.refs(d.get("on")).stream().noneMatch(r -> r.name().equals(node))) continue;
      for (ResourceAddr a : List.of(s.resource("package", driverPackage(d)), s.resource("service", "nvidia-persistenced"))) {
        if (emit.has(a) && !out.contains(a)) out.add(a);
      }
    }
    return out;
  }
}
