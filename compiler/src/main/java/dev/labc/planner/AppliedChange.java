package dev.labc.planner;

import dev.labc.plan.Change;
import dev.labc.state.ResourceState;
import dev.labc.state.ResourceStatus;
import dev.labc.state.State;
import dev.labc.state.Value;
import java.util.Map;
import java.util.TreeMap;

/**
 * What state says after one planned change was carried out: the apply engine records each step
 * with it, and the planner's tests use it to check that a re-plan after apply is empty.
 */
public final class AppliedChange {
  private AppliedChange() {}

  /**
   * The state once {@code change} completed; {@code learned} gives the attributes the plan showed as
   * known after apply (already in recorded form: secrets as digests). A delete forgets the resource.
   */
  public static State record(State state, Change change, Map<String, Value> learned) {
    return switch (change.action()) {
      case DELETE -> state.without(change.addr());
      case NO_OP, CREATE, UPDATE, REPLACE -> {
        var attrs = new TreeMap<>(change.after());
        for (String name : change.unknown()) {
          Value v = learned.get(name);
          if (v != null) attrs.put(name, v);
        }
        yield state.with(new ResourceState(change.addr(), change.type(), 0, attrs, change.dependsOn(), ResourceStatus.READY));
      }
    };
  }

  /** Every change of a plan recorded, in order, as a full successful apply leaves it. */
  public static State recordAll(State state, Iterable<Change> changes) {
    State s = state;
    for (Change c : changes) s = record(s, c, Map.of());
    return s;
  }
}
