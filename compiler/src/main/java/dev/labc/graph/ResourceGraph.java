package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resources of a configuration and their dependencies; orders are deterministic (ties by
 * address). {@code reasons} says why labc added an edge a -> b (`owner`, `below /srv`, `after
 * directory.data`), for `labc graph` and cycle messages; edges an expansion made have none.
 */
public record ResourceGraph(SortedMap<ResourceAddr, Resource> resources, Map<ResourceAddr, SortedMap<ResourceAddr, String>> reasons) {
  public ResourceGraph {
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    reasons = Map.copyOf(reasons);
  }

  public ResourceGraph(SortedMap<ResourceAddr, Resource> resources) {
    this(resources, Map.of());
  }

  /** Why labc added the edge {@code from -> to}, if it did. */
  public Optional<String> reason(ResourceAddr from, ResourceAddr to) {
    var m = reasons.get(from);
    return Optional.ofNullable(m == null ? null : m.get(to));
  }

  /** Dependencies first; among ready resources, the smallest address first. Empty if there is a cycle. */
  public Optional<List<ResourceAddr>> topologicalOrder() {
    Map<ResourceAddr, Integer> indegree = new HashMap<>();
    Map<ResourceAddr, List<ResourceAddr>> dependents = new HashMap<>();
    for (Resource r : resources.values()) {
      indegree.putIfAbsent(r.addr(), 0);
      for (ResourceAddr d : r.dependsOn()) {
        if (!resources.containsKey(d)) continue;
        indegree.merge(r.addr(), 1, Integer::sum);
        dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(r.addr());
      }
    }
    var ready = new PriorityQueue<ResourceAddr>();
    indegree.forEach((a, n) -> { if (n == 0) ready.add(a); });
    var out = new ArrayList<ResourceAddr>();
    while (!ready.isEmpty()) {
      ResourceAddr a = ready.poll();
      out.add(a);
      for (ResourceAddr d : dependents.getOrDefault(a, List.of())) {
        if (indegree.merge(d, -1, Integer::sum) == 0) ready.add(d);
      }
    }
    return out.size() == resources.size() ? Optional.of(out) : Optional.empty();
  }

  /** A dependency cycle as a path a -> b -> a, if there is one. */
  public Optional<List<ResourceAddr>> findCycle() {
    var state = new HashMap<ResourceAddr, Integer>();
    for (ResourceAddr start : resources.keySet()) {
      var path = new ArrayList<ResourceAddr>();
      var cycle = visit(start, state, path);
      if (cycle != null) return Optional.of(cycle);
    }
    return Optional.empty();
  }

  private List<ResourceAddr> visit(ResourceAddr a, Map<ResourceAddr, Integer> state, List<ResourceAddr> path) {
    Integer s = state.get(a);
    if (s != null && s == 2) return null;
    if (s != null && s == 1) {
      var cycle = new ArrayList<>(path.subList(path.indexOf(a), path.size()));
      cycle.add(a);
      return cycle;
    }
    state.put(a, 1);
    path.add(a);
    Resource r = resources.get(a);
    if (r != null) {
      for (ResourceAddr d : r.dependsOn()) {
        var c = visit(d, state, path);
        if (c != null) return c;
      }
    }
    path.remove(path.size() - 1);
    state.put(a, 2);
    return null;
  }
}
