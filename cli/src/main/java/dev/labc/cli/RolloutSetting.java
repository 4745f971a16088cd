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

  /** The plan's reboot and rollout sections, empty when no node reboots and the apply is not rolling. */
  static String text(Integer serialFlag, Program program, Plan plan) {
    return Rollout.rebootText(plan.changes()) + Rollout.of(plan.changes(), batchSize(serialFlag, program)).text();
  }

  /** Each node's `reboot_command`, and how long apply waits for a rebooted node. */
  static dev.labc.runtime.apply.Reboots reboots(Program program, int timeoutSeconds) {
    var local = new java.util.TreeMap<String, String>();
    for (Entity n : program.ofKind("node")) if (n.get("reboot_command") instanceof Value.Str s) local.put(n.name(), s.value());
    return new dev.labc.runtime.apply.Reboots(local, java.time.Duration.ofSeconds(timeoutSeconds));
  }
}
