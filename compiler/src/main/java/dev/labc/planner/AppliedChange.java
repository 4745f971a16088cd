package dev.labc.planner;

import dev.labc.plan.Action;
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
   * The state while {@code changes} are being carried out: each marked {@link ResourceStatus#TAINTED}
   * (its attributes what it was asked to become; a removal keeps what it was), so that an apply
   * killed mid-batch leaves state saying "unsure" rather than claiming either side.
   */
  public static State starting(State state, Iterable<Change> changes) {
    var resources = new TreeMap<>(state.resources());
    for (Change c : changes) {
      ResourceState rs = c.action() == Action.DELETE ? state.resources().get(c.addr()) : recorded(c, Map.of());
      if (rs == null) continue;
      resources.put(c.addr(), new ResourceState(rs.addr(), rs.type(), rs.schemaVersion(), rs.attributes(), rs.dependsOn(), ResourceStatus.TAINTED));
    }
    return new State(state.formatVersion(), state.lineage(), state.serial(), resources);
  }

  /**
   * The state once {@code change} completed; {@code learned} gives the attributes the plan showed as
   * known after apply (already in recorded form: secrets as digests). A delete forgets the resource.
   */
  public static State record(State state, Change change, Map<String, Value> learned) {
    return switch (change.action()) {
      case DELETE -> state.without(change.addr());
      case NO_OP, CREATE, UPDATE, REPLACE -> {
        yield state.with(recorded(change, learned));
      }
    };
  }

  private static ResourceState recorded(Change change, Map<String, Value> learned) {
    var attrs = new TreeMap<>(change.after());
    for (String name : change.unknown()) {
      Value v = learned.get(name);
      if (v != null) attrs.put(name, v);
    }
    return new ResourceState(change.addr(), change.type(), 0, attrs, change.dependsOn(), ResourceStatus.READY);
  }

  /**
   * Every change of a plan recorded, in order, as a full successful apply leaves it. One map for
   * the whole batch: recording change by change copies the state's map each time, which is
   * quadratic (a first apply of 10,000 nodes records 200,000 resources).
   */
  public static State recordAll(State state, Iterable<Change> changes) {
    var resources = new TreeMap<>(state.resources());
    for (Change c : changes) {
      if (c.action() == Action.DELETE) resources.remove(c.addr());
      else resources.put(c.addr(), recorded(c, Map.of()));
    }
    return new State(state.formatVersion(), state.lineage(), state.serial(), resources);
  }
}
