package dev.labc.cli;

import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.plan.Plan;
import dev.labc.plan.Rollout;
import dev.labc.runtime.kube.ClusterNodeDrainer;

/** The batch size of a rolling apply: `--serial N` when given, else the .lab's `rollout { batch = N }`, else none (0). */
final class RolloutSetting {
  private RolloutSetting() {}

  static int batchSize(Integer serialFlag, Program program) {
    if (serialFlag != null) return serialFlag;
    for (Entity e : program.ofKind("rollout")) if (e.get("batch") instanceof Value.Int n) return (int) n.value();
    return 0;
  }

  /**
   * The plan's text with the drain, reboot and rollout sections just above its closing summary
   * line, which stays last: it is the line people and scripts look for.
   */
  static String withSections(String planText, Integer serialFlag, Program program, Plan plan) {
    String sections = text(serialFlag, program, plan);
    if (sections.isEmpty()) return planText;
    int at = planText.lastIndexOf("\nPlan: ");
    return at < 0 ? planText + sections : planText.substring(0, at + 1) + sections + planText.substring(at + 1);
  }

  /** The plan's drain, reboot and rollout sections, empty when none applies. */
  static String text(Integer serialFlag, Program program, Plan plan) {
    return drainText(program, plan) + Rollout.rebootText(plan.changes()) + Rollout.of(plan.changes(), batchSize(serialFlag, program)).text();
  }

  /** Nodes that are Slurm workers in a `slurm` block, by their Slurm node name (the block's, as slurm.conf has it). */
  static java.util.Set<String> slurmWorkers(Program program) {
    var out = new java.util.TreeSet<String>();
    for (Entity s : program.ofKind("slurm")) {
      if (s.get("workers") instanceof Value.ListV l) for (Value v : l.items()) if (v instanceof Value.Ref r) out.add(r.name());
    }
    return out;
  }

  static String drainText(Program program, Plan plan) {
    var workers = slurmWorkers(program);
    var members = kubeMembers(program);
    var drained = new java.util.TreeSet<String>(dev.labc.addr.NaturalOrder.TEXT);
    var cordoned = new java.util.TreeSet<String>(dev.labc.addr.NaturalOrder.TEXT);
    for (var c : plan.changes()) {
      if (dev.labc.plan.Disruption.of(c).isEmpty()) continue;
      if (workers.contains(c.addr().scope().name())) drained.add(c.addr().scope().name());
      if (members.containsKey(c.addr().scope().name())) cordoned.add(c.addr().scope().name());
    }
    var sb = new StringBuilder();
    if (!drained.isEmpty()) sb.append("Drains: ").append(String.join(", ", drained)).append(" drained in Slurm before ").append(drained.size() == 1 ? "its" : "their")
        .append(" disruptive steps (scontrol update state=drain; running jobs end on their own, never cancelled), resumed after.\n");
    if (!cordoned.isEmpty()) sb.append("Drains: ").append(String.join(", ", cordoned)).append(" cordoned and drained in Kubernetes before ").append(cordoned.size() == 1 ? "its" : "their")
        .append(" disruptive steps (pods evicted as their PodDisruptionBudgets allow; DaemonSet pods stay), uncordoned after.\n");
    return sb.toString();
  }

  /** Members (servers and agents) of each declared Kubernetes `cluster`, with the node name Kubernetes knows them by (their hostname). */
  static java.util.Map<String, dev.labc.runtime.apply.Drains.KubeNode> kubeMembers(Program program) {
    var out = new java.util.TreeMap<String, dev.labc.runtime.apply.Drains.KubeNode>();
    for (Entity c : program.ofKind("cluster")) {
      for (String list : java.util.List.of("servers", "agents")) {
        if (!(c.get(list) instanceof Value.ListV l)) continue;
        for (Value v : l.items()) {
          if (!(v instanceof Value.Ref r)) continue;
          Entity n = program.entity("node", r.name());
          String name = n != null && n.get("hostname") instanceof Value.Str h ? h.value() : r.name();
          out.putIfAbsent(r.name(), new dev.labc.runtime.apply.Drains.KubeNode(c.name(), name));
        }
      }
    }
    return out;
  }

  static dev.labc.runtime.apply.Drains drains(Program program, dev.labc.runtime.kube.KubeClusters clusters, int timeoutSeconds, int pollSeconds) {
    var timeout = java.time.Duration.ofSeconds(timeoutSeconds);
    var poll = java.time.Duration.ofSeconds(pollSeconds);
    return new dev.labc.runtime.apply.Drains(slurmWorkers(program), kubeMembers(program), new ClusterNodeDrainer(clusters, timeout, poll), timeout, poll);
  }

  /** Each node's `reboot_command`, and how long apply waits for a rebooted node. */
  static dev.labc.runtime.apply.Reboots reboots(Program program, int timeoutSeconds) {
    var local = new java.util.TreeMap<String, String>();
    for (Entity n : program.ofKind("node")) if (n.get("reboot_command") instanceof Value.Str s) local.put(n.name(), s.value());
    return new dev.labc.runtime.apply.Reboots(local, java.time.Duration.ofSeconds(timeoutSeconds));
  }
}
