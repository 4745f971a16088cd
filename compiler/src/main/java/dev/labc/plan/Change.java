package dev.labc.plan;

import dev.labc.addr.ResourceAddr;
import dev.labc.state.Value;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The planned change to one resource. {@code before} is what state recorded (empty on create),
 * {@code after} what the configuration wants (empty on delete), in the recorded form: secrets
 * only as digests. {@code unknown} names attributes known only after apply. {@code drifted}: the
 * host no longer matches what state recorded (found by the refresh before planning), so an update
 * whose attributes did not change restores it. {@code triggeredBy}: watched files (a service's
 * {@code reload_on}, a command's {@code trigger_on}) that change in this plan, so the service
 * restarts or the command runs again even when its own attributes did not change.
 */
public record Change(ResourceAddr addr, String type, Action action, SortedMap<String, Value> before,
                     SortedMap<String, Value> after, SortedSet<String> unknown, List<ResourceAddr> dependsOn,
                     boolean drifted, List<ResourceAddr> triggeredBy) {
  public Change(ResourceAddr addr, String type, Action action, SortedMap<String, Value> before,
                SortedMap<String, Value> after, SortedSet<String> unknown, List<ResourceAddr> dependsOn, boolean drifted) {
    this(addr, type, action, before, after, unknown, dependsOn, drifted, List.of());
  }

  public Change(ResourceAddr addr, String type, Action action, SortedMap<String, Value> before,
                SortedMap<String, Value> after, SortedSet<String> unknown, List<ResourceAddr> dependsOn) {
    this(addr, type, action, before, after, unknown, dependsOn, false);
  }

  public Change {
    before = Collections.unmodifiableSortedMap(new TreeMap<>(before));
    after = Collections.unmodifiableSortedMap(new TreeMap<>(after));
    unknown = Collections.unmodifiableSortedSet(new TreeSet<>(unknown));
    dependsOn = List.copyOf(dependsOn);
    triggeredBy = List.copyOf(triggeredBy);
  }

  /** What this step needs beyond a reachable host ({@link Need}): derived, so a saved plan cannot disagree. */
  public SortedSet<Need> needs() {
    var attrs = action == Action.DELETE ? before : after;
    return Need.of(type, action == Action.DELETE, k -> attrs.get(k) instanceof Value.Text t ? t.value() : null);
  }
}
