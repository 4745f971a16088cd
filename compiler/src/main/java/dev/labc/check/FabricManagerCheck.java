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
import java.util.regex.Pattern;

/**
 * Fabric Manager sets up the NVSwitches of HGX/DGX 8-GPU boards (SXM); until it runs, CUDA
 * reports "system not yet initialized". It must be the driver's own branch and version, and
 * it fails to start where there are no NVSwitches (PCIe and NVL cards, 4-GPU HGX boards).
 * std/nvidia installs the matching package with `fabric_manager = true`; a hand-written
 * `package` of another branch is what breaks it.
 */
final class FabricManagerCheck implements ClusterCheck {
  private static final Pattern FM_PACKAGE = Pattern.compile("^nvidia-fabricmanager-(\\d+)$");

  public Code code() { return Code.FABRIC_MANAGER; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity d : p.ofKind("nvidia_driver")) {
      boolean fm = d.get("fabric_manager") instanceof Value.Bool b && b.value();
      var needing = new ArrayList<Entity>();
      for (Value.Ref r : Values.refs(d.get("on"))) {
        Entity n = p.entity("node", r.name());
        if (n != null && needsFabricManager(n)) needing.add(n);
      }
      if (!fm && !needing.isEmpty()) {
        var diag = Diagnostic.error(code(), d.spanOf("fabric_manager"), "nvidia_driver `" + d.name() + "` leaves out Fabric Manager, which "
                + names(needing) + " " + (needing.size() == 1 ? "needs" : "need") + ": an 8-GPU SXM board's NVSwitches stay down without it and CUDA does not start",
            "set `fabric_manager = true`; labc installs nvidia-fabricmanager of the driver's branch");
        for (Entity n : needing) diag = diag.withRelated(new Related(n.spanOf("gpu.model"), "`" + n.name() + "` has " + gpuText(n)));
        out.add(diag);
      } else if (fm && needing.isEmpty() && !Values.refs(d.get("on")).isEmpty()) {
        out.add(Diagnostic.warning(code(), d.spanOf("fabric_manager"), "nvidia_driver `" + d.name() + "` installs Fabric Manager, but none of its nodes has an NVSwitch board (8 SXM GPUs); the service fails to start there",
            "remove `fabric_manager = true`, or declare the nodes' `gpu { model count }` as they are"));
      }
      String branch = NvidiaBranch.of(Values.text(d.get("version")));
      if (branch == null) continue;
      for (Entity pkg : p.ofKind("package")) {
        String name = pkg.get("name") instanceof Value.Str s ? s.value() : pkg.name();
        var m = FM_PACKAGE.matcher(name);
        if (!m.matches() || m.group(1).equals(branch) || !shareNode(pkg, d)) continue;
        out.add(Diagnostic.error(code(), pkg.spanOf(pkg.attributeSpans().containsKey("name") ? "name" : "state"), "package `" + name + "` is Fabric Manager branch " + m.group(1)
                + ", but nvidia_driver `" + d.name() + "` installs branch " + branch + "; Fabric Manager refuses to start with another driver version",
            "remove the package and set `fabric_manager = true` on nvidia_driver `" + d.name() + "`, which installs nvidia-fabricmanager-" + branch)
            .withRelated(new Related(d.spanOf("version"), "the driver's branch")));
      }
    }
    return out;
  }

  /** An NVSwitch board whose driver is the host's (the GPU Operator's driver container brings its own Fabric Manager). */
  static boolean needsFabricManager(Entity n) {
    return n.get("gpu") instanceof Value.Obj gpu && gpu.fields().get("model") instanceof Value.EnumV model
        && !"operator".equals(Values.text(gpu.fields().get("driver")))
        && gpu.fields().get("count") instanceof Value.Int count
        && GpuModels.of(model.member()).map(g -> g.needsFabricManager(count.value())).orElse(false);
  }

  private static String gpuText(Entity n) {
    var gpu = (Value.Obj) n.get("gpu");
    return Values.show(gpu.fields().get("count")) + "x " + ((Value.EnumV) gpu.fields().get("model")).member();
  }

  private static String names(List<Entity> nodes) {
    return nodes.size() == 1 ? "node `" + nodes.get(0).name() + "`" : "nodes " + String.join(", ", nodes.stream().map(n -> "`" + n.name() + "`").toList());
  }

  /** Whether the package lands on a node the driver is on (an empty `on` is every node). */
  private static boolean shareNode(Entity pkg, Entity driver) {
    var on = Values.refs(pkg.get("on"));
    var driverOn = Values.refs(driver.get("on"));
    return on.isEmpty() || driverOn.isEmpty() || on.stream().anyMatch(driverOn::contains);
  }
}
