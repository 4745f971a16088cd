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
 * restarts or the command runs again even when its own attributes did not change. {@code found}:
 * for a drifted change, what the refresh read on the host (a file's content, mode, owner, group;
 * never a secret's content), so a reviewer sees recorded vs. found; empty when nothing was read.
 */
public record Change(ResourceAddr addr, String type, Action action, SortedMap<String, Value> before,
                     SortedMap<String, Value> after, SortedSet<String> unknown, List<ResourceAddr> dependsOn,
                     boolean drifted, List<ResourceAddr> triggeredBy, SortedMap<String, Value> found) {
  public Change(ResourceAddr addr, String type, Action action, SortedMap<String, Value> before,
                SortedMap<String, Value> after, SortedSet<String> unknown, List<ResourceAddr> dependsOn,
                boolean drifted, List<ResourceAddr> triggeredBy) {
    this(addr, type, action, before, after, unknown, dependsOn, drifted, triggeredBy, new TreeMap<>());
  }

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
    found = Collections.unmodifiableSortedMap(new TreeMap<>(found));
  }

  /** This change with what the refresh found on the host. */
  public Change withFound(SortedMap<String, Value> found) {
    return new Change(addr, type, action, before, after, unknown, dependsOn, drifted, triggeredBy, found);
  }

  /** What this step needs beyond a reachable host ({@link Need}): derived, so a saved plan cannot disagree. */
  public SortedSet<Need> needs() {
    var attrs = action == Action.DELETE ? before : after;
    return Need.of(type, action == Action.DELETE, k -> attrs.get(k) instanceof Value.Text t ? t.value() : null);
  }
}
