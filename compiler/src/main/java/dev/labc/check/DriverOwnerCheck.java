package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One owner for the NVIDIA driver on a cluster's GPU nodes: the host package ({@code gpu.driver =
 * "host"}) or the GPU Operator's driver container ({@code "operator"} with the gpu-operator chart's
 * {@code driver.enabled}, true by default), never both and never neither. And the operator's
 * container toolkit must be pointed at the distribution's containerd (K3s and RKE2 run their own,
 * at paths the operator's defaults do not know; seed 000). An {@code nvidia_driver} block (std/nvidia)
 * on a node whose GPUs are the operator's is a second owner too.
 */
final class DriverOwnerCheck implements ClusterCheck {
  static final String SOCKET = dev.labc.graph.ChartPresets.CONTAINERD_SOCKET;

  static String containerdConfig(String distribution) {
    return dev.labc.graph.ChartPresets.containerdConfig(distribution);
  }

  public Code code() { return Code.DRIVER_OWNER; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    // std/nvidia's host packages on a node whose GPUs are left to the operator: two owners.
    for (Entity d : p.ofKind("nvidia_driver")) {
      for (Value.Ref r : Values.refs(d.get("on"))) {
        Entity n = p.entity("node", r.name());
        if (n != null && n.get("gpu") instanceof Value.Obj gpu && gpu.fields().get("driver") instanceof Value.Str s && s.value().equals("operator")) {
          out.add(Diagnostic.error(code(), d.spanOf("on"), "nvidia_driver " + d.name() + " installs the host driver on node `" + n.name()
              + "`, whose GPUs declare `driver = \"operator\"`", "take the node out of `on`, or set `driver = \"host\"` on its gpu"));
        }
      }
    }
    for (Entity c : p.ofKind("cluster")) {
      Entity operator = p.ofKind("chart").stream()
          .filter(ch -> ch.get("cluster") instanceof Value.Ref r && r.name().equals(c.name()))
          .filter(ch -> Values.text(ch.get("chart")).equals("gpu-operator")).findFirst().orElse(null);
      // std/charts' gpu_operator says it with `driver`, and points an enabled toolkit at the right containerd itself.
      Entity preset = p.ofKind("gpu_operator").stream()
          .filter(g -> g.get("cluster") instanceof Value.Ref r && r.name().equals(c.name())).findFirst().orElse(null);
      boolean operatorDriver = preset != null ? preset.get("driver") instanceof Value.Bool b && b.value()
          : operator != null && enabled(operator.get("values"), "driver");
      if (preset != null) operator = preset;
      var members = new ArrayList<Value.Ref>(Values.refs(c.get("servers")));
      members.addAll(Values.refs(c.get("agents")));
      for (Value.Ref r : members) {
        Entity n = p.entity("node", r.name());
        if (n == null || !(n.get("gpu") instanceof Value.Obj gpu)) continue;
        String owner = gpu.fields().get("driver") instanceof Value.Str s ? s.value() : "host";
        if (owner.equals("host") && operatorDriver) {
          out.add(Diagnostic.error(code(), n.spanOf("gpu"), "node `" + n.name() + "` installs the NVIDIA driver from a host package, and the GPU Operator in cluster `"
              + c.name() + "` installs its driver container too", "pick one owner: `driver = \"operator\"` on the node, or " + (preset != null ? "`driver = false` on gpu_operator " : "`values = { driver = { enabled = false } }` on chart ") + operator.name()));
        } else if (owner.equals("operator") && !operatorDriver) {
          out.add(Diagnostic.error(code(), n.spanOf("gpu"), "node `" + n.name() + "` leaves the NVIDIA driver to the GPU Operator, but cluster `" + c.name()
              + "` has " + (operator == null ? "no gpu-operator chart" : "the operator's driver disabled"),
              operator == null ? "declare `gpu_operator { cluster = " + c.name() + " }` (std/charts), or set `driver = \"host\"`" : preset != null ? "set `driver = true` on gpu_operator " + preset.name() + ", or `driver = \"host\"` on the node"
                  : "set `driver = { enabled = true }` in the chart's values, or `driver = \"host\"` on the node"));
        }
      }
      if (operator != null && preset == null && enabled(operator.get("values"), "toolkit")) {
        String dist = Values.text(c.get("distribution"));
        var env = toolkitEnv(operator.get("values"));
        var want = Map.of("CONTAINERD_CONFIG", containerdConfig(dist), "CONTAINERD_SOCKET", SOCKET);
        for (var e : new TreeMap<>(want).entrySet()) {
          String have = env.get(e.getKey());
          if (have == null) {
            // An error, not a warning: the toolkit then configures a containerd nobody runs, and no GPU pod starts.
            out.add(Diagnostic.error(code(), operator.spanOf("values"), "the GPU Operator's toolkit in cluster `" + c.name() + "` does not set " + e.getKey()
                + "; its default points at a containerd " + dist + " does not run, so the toolkit fails and GPU pods do not start", "add `{ name = \"" + e.getKey() + "\", value = \"" + e.getValue() + "\" }` to values.toolkit.env"));
          } else if (!have.equals(e.getValue())) {
            out.add(Diagnostic.error(code(), operator.spanOf("values"), "the GPU Operator's toolkit in cluster `" + c.name() + "` sets " + e.getKey() + " = " + have
                + ", which is not " + dist + "'s", "on " + dist + " it is " + e.getValue()));
          }
        }
      }
    }
    return out;
  }

  /** {@code values.<component>.enabled}, true unless set false (the chart's default). */
  private static boolean enabled(Value values, String component) {
    if (values instanceof Value.Obj v && v.fields().get(component) instanceof Value.Obj c && c.fields().get("enabled") instanceof Value.Bool b) return b.value();
    return true;
  }

  private static Map<String, String> toolkitEnv(Value values) {
    var out = new TreeMap<String, String>();
    if (values instanceof Value.Obj v && v.fields().get("toolkit") instanceof Value.Obj t && t.fields().get("env") instanceof Value.ListV l) {
      for (Value item : l.items()) {
        if (item instanceof Value.Obj o && o.fields().get("name") instanceof Value.Str n && o.fields().get("value") != null) out.put(n.value(), Values.text(o.fields().get("value")));
      }
    }
    return out;
  }
}
