package dev.labc.cli;

import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.plan.Plan;
import dev.labc.runtime.kube.ClusterNodeDrainer;

/** The batch size of a rolling apply: `--serial N` when given, else the .lab's `rollout { batch = N }`, else none (0). */
final class RolloutSetting {
  private RolloutSetting() {}

  static int batchSize(Integer serialFlag, Program program) {
    if (serialFlag != null) return serialFlag;
    for (Entity e : program.ofKind("rollout")) if (e.get("batch") instanceof Value.Int n) return (int) n.value();
    return 0;
  }

  /** The plan with what its apply does around disruptive changes: drains of the program's Slurm workers and Kubernetes members, the batch size. */
  static Plan withDisruptions(Plan plan, Integer serialFlag, Program program) {
    return plan.withDisruptions(dev.labc.plan.Disruptions.of(plan.changes(), slurmWorkers(program), kubeMembers(program).keySet(), batchSize(serialFlag, program)));
  }

  /** Nodes that are Slurm workers in a `slurm` block, by their Slurm node name (the block's, as slurm.conf has it). */
  static java.util.Set<String> slurmWorkers(Program program) {
    var out = new java.util.TreeSet<String>();
    for (Entity s : program.ofKind("slurm")) {
      if (s.get("workers") instanceof Value.ListV l) for (Value v : l.items()) if (v instanceof Value.Ref r) out.add(r.name());
    }
    return out;
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

  /**
   * The program's Slurm workers and Kubernetes members, and the nodes {@code plan} removes from the
   * configuration with those its disruptions drain in Slurm: a removed worker is no longer in the program.
   */
  static dev.labc.runtime.apply.Drains drains(Program program, Plan plan, dev.labc.runtime.kube.KubeClusters clusters, int timeoutSeconds, int pollSeconds) {
    var timeout = java.time.Duration.ofSeconds(timeoutSeconds);
    var poll = java.time.Duration.ofSeconds(pollSeconds);
    var slurm = new java.util.TreeSet<>(slurmWorkers(program));
    slurm.addAll(plan.disruptions().slurmDrains());
    var removing = dev.labc.plan.NodeRemovals.removed(plan.changes());
    var kube = new java.util.TreeMap<>(kubeMembers(program));
    for (var e : dev.labc.plan.NodeRemovals.kubeMembers(plan.changes()).entrySet()) {
      if (plan.disruptions().kubeDrains().contains(e.getKey())) kube.putIfAbsent(e.getKey(), new dev.labc.runtime.apply.Drains.KubeNode(e.getValue().cluster(), e.getValue().name()));
    }
    return new dev.labc.runtime.apply.Drains(slurm, kube, new ClusterNodeDrainer(clusters, timeout, poll), timeout, poll, removing);
  }

  /**
   * A file on the nodes the boot check reads instead of /proc/cmdline, for tests only: testbed
   * hosts share the test machine's kernel, so a host's "new boot" can only show its kernel
   * arguments through a file of its own. Read only when set; unset, the real command line is read.
   */
  static final String KERNEL_CMDLINE_VARIABLE = "LABC_TEST_KERNEL_CMDLINE_FILE";

  /** Each node's `reboot_command`, and how long apply waits for a rebooted node. */
  static dev.labc.runtime.apply.Reboots reboots(Program program, int timeoutSeconds) {
    var local = new java.util.TreeMap<String, String>();
    for (Entity n : program.ofKind("node")) if (n.get("reboot_command") instanceof Value.Str s) local.put(n.name(), s.value());
    String cmdline = Environment.get(KERNEL_CMDLINE_VARIABLE);
    return new dev.labc.runtime.apply.Reboots(local, java.time.Duration.ofSeconds(timeoutSeconds),
        cmdline == null || cmdline.isEmpty() ? dev.labc.runtime.apply.Reboots.PROC_CMDLINE : cmdline);
  }
}
