package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.eval.Value;
import dev.labc.source.Span;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One primitive resource the plan manages: a file, a user, a package on one node, or an object
 * of one cluster. {@code origin} is the declaration it came from, for messages.
 */
public record Resource(ResourceAddr addr, String type, SortedMap<String, Value> attributes,
                       SortedSet<ResourceAddr> dependsOn, Span origin) {
  public Resource {
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    dependsOn = Collections.unmodifiableSortedSet(new TreeSet<>(dependsOn));
  }

  /** What creating this resource needs beyond a reachable host (the rules are {@link dev.labc.plan.Need}'s). */
  public SortedSet<dev.labc.plan.Need> needs() {
    return dev.labc.plan.Need.of(type, false, k -> attributes.get(k) instanceof Value.Str s ? s.value() : null);
  }
}
