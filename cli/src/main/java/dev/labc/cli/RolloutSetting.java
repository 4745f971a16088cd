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

  /** The plan's rollout section, empty when not rolling. */
  static String text(Integer serialFlag, Program program, Plan plan) {
    return Rollout.of(plan.changes(), batchSize(serialFlag, program)).text();
  }
}
