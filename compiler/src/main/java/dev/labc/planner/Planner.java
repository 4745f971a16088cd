package dev.labc.planner;

import dev.labc.addr.ResourceAddr;
import dev.labc.eval.Value;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraph;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.plan.HostStep;
import dev.labc.plan.Plan;
import dev.labc.state.ResourceState;
import dev.labc.state.SecretHasher;
import dev.labc.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the desired resource graph with recorded state: each resource is created, updated
 * (attribute by attribute), replaced (its type changed), deleted (gone from the configuration:
 * pruned in reverse dependency order, never forgotten) or left alone.
 */
public final class Planner {
  private Planner() {}

  public record Inputs(String source, String inputsDigest, String labcVersion, boolean priorExists) {}

  public static Plan plan(ResourceGraph graph, State prior, SecretHasher hasher, Inputs in) {
    return plan(graph, prior, hasher, in, java.util.Set.of());
  }

  /**
   * As {@link #plan(ResourceGraph, State, SecretHasher, Inputs)}, with {@code drifted} naming the
   * recorded resources a refresh found changed on their host: those are updated even when the
   * configuration did not change.
   */
  public static Plan plan(ResourceGraph graph, State prior, SecretHasher hasher, Inputs in, java.util.Set<ResourceAddr> drifted) {
    List<ResourceAddr> order = graph.topologicalOrder().orElseThrow(() -> new IllegalStateException("resource graph has a cycle"));
    var changes = new ArrayList<Change>();
    var changing = new java.util.HashSet<ResourceAddr>(); // what this plan changes
    for (ResourceAddr addr : order) {
      Resource r = graph.resources().get(addr);
      var after = new TreeMap<String, dev.labc.state.Value>();
      var unknown = new TreeSet<String>();
      for (var e : r.attributes().entrySet()) {
        if (e.getValue() instanceof Value.Unknown) unknown.add(e.getKey());
        else after.put(e.getKey(), RecordedValues.of(e.getValue(), hasher));
      }
      var deps = new ArrayList<>(r.dependsOn());
      ResourceState old = prior.get(addr).orElse(null);
      Action action;
      SortedMap<String, dev.labc.state.Value> before = new TreeMap<>();
      if (old == null) {
        action = Action.CREATE;
      } else {
        before = old.attributes();
        if (!old.type().equals(r.type())) action = Action.REPLACE;
        else if (sameKnown(before, after, unknown)) action = Action.NO_OP;
        else action = Action.UPDATE;
      }
      // Drift marks an update too (the host changed and so did the declaration): its precondition
      // is the refresh, since the host no longer matches the recorded `before` by definition.
      // A tainted record is what an interrupted apply was asking for, not what the host holds:
      // apply it again, without a precondition on it (as for drift).
      boolean tainted = old != null && old.status() == dev.labc.state.ResourceStatus.TAINTED;
      boolean drift = (action != Action.CREATE && drifted.contains(addr)) || (tainted && action != Action.REPLACE);
      // A watched file written in this apply (changed declaration or drift put back) restarts the
      // service or reruns the command that watches it, as an Ansible handler would fire.
      var triggers = new ArrayList<ResourceAddr>();
      if (HostStep.isHostType(r.type())) {
        for (ResourceAddr w : HostStep.watched(HostStep.decode(r.type(), addr, after))) if (changing.contains(w)) triggers.add(w);
      }
      if (action == Action.CREATE) triggers.clear(); // a first run needs no reason
      Action planned = (drift || !triggers.isEmpty()) && action == Action.NO_OP ? Action.UPDATE : action;
      if (planned != Action.NO_OP) changing.add(addr);
      changes.add(new Change(addr, r.type(), planned, before, after, unknown, deps, drift, planned == Action.UPDATE ? triggers : List.of()));
    }
    // Resources recorded in state but no longer declared: delete dependents before what they depend on.
    var gone = new ArrayList<ResourceState>();
    for (ResourceState rs : prior.resources().values()) if (!graph.resources().containsKey(rs.addr())) gone.add(rs);
    changes.addAll(reverseDependencyOrder(gone));
    return new Plan(Plan.FORMAT_VERSION, in.labcVersion(), in.source(), in.inputsDigest(),
        in.priorExists() ? prior.lineage().value() : null, in.priorExists() ? prior.serial() : 0, changes);
  }

  private static boolean sameKnown(SortedMap<String, dev.labc.state.Value> before, SortedMap<String, dev.labc.state.Value> after, java.util.Set<String> unknown) {
    var b = new TreeMap<>(before);
    unknown.forEach(b::remove);
    return b.equals(after);
  }

  static List<Change> reverseDependencyOrder(List<ResourceState> gone) {
    Map<ResourceAddr, ResourceState> byAddr = new HashMap<>();
    gone.forEach(g -> byAddr.put(g.addr(), g));
    var resources = new TreeMap<ResourceAddr, Resource>();
    for (ResourceState g : gone) {
      var deps = new TreeSet<ResourceAddr>();
      for (ResourceAddr d : g.dependsOn()) if (byAddr.containsKey(d)) deps.add(d);
      resources.put(g.addr(), new Resource(g.addr(), g.type(), new TreeMap<>(), deps, null));
    }
    List<ResourceAddr> order = new ResourceGraph(resources).topologicalOrder().orElse(new ArrayList<>(resources.keySet()));
    var out = new ArrayList<Change>();
    for (int i = order.size() - 1; i >= 0; i--) {
      ResourceState g = byAddr.get(order.get(i));
      out.add(new Change(g.addr(), g.type(), Action.DELETE, g.attributes(), new TreeMap<>(), new TreeSet<>(), g.dependsOn()));
    }
    return out;
  }
}
