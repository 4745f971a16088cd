package dev.labc.cli;

import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.plan.Plan;
import dev.labc.plan.Rollout;

/** The batch size of a rolling apply: `--serial N` when given, else the .lab's `rollout { batch = N }`, else none (0). */
final class RolloutSetting {
  private RolloutSetting() {}

  static int batchSize(Integer serialFlag, Program program) {
    if (serialFlag != null) return serialFlag;
    for (Entity e : program.ofKind("rollout")) if (e.get("batch") instanceof Value.Int n) return (int) n.value();
    return 0;
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
    var drained = new java.util.TreeSet<String>(dev.labc.addr.NaturalOrder.TEXT);
    for (var c : plan.changes()) {
      if (workers.contains(c.addr().scope().name()) && dev.labc.plan.Disruption.of(c).isPresent()) drained.add(c.addr().scope().name());
    }
    if (drained.isEmpty()) return "";
    return "Drains: " + String.join(", ", drained) + " drained in Slurm before " + (drained.size() == 1 ? "its" : "their")
        + " disruptive steps (scontrol update state=drain; running jobs end on their own, never cancelled), resumed after.\n";
  }

  static dev.labc.runtime.apply.Drains drains(Program program, int timeoutSeconds, int pollSeconds) {
    return new dev.labc.runtime.apply.Drains(slurmWorkers(program), java.time.Duration.ofSeconds(timeoutSeconds), java.time.Duration.ofSeconds(pollSeconds));
  }

  /** Each node's `reboot_command`, and how long apply waits for a rebooted node. */
  static dev.labc.runtime.apply.Reboots reboots(Program program, int timeoutSeconds) {
    var local = new java.util.TreeMap<String, String>();
    for (Entity n : program.ofKind("node")) if (n.get("reboot_command") instanceof Value.Str s) local.put(n.name(), s.value());
    return new dev.labc.runtime.apply.Reboots(local, java.time.Duration.ofSeconds(timeoutSeconds));
  }
}
