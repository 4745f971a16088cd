package dev.labc.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.eval.Value;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraph;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.plan.Plan;
import dev.labc.plan.PlanCodec;
import dev.labc.plan.PlanRenderer;
import dev.labc.state.Lineage;
import dev.labc.state.SecretHasher;
import dev.labc.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of planning over generated resource graphs (DAGs across a few nodes). */
class PlannerPropertiesTest {
  static final SecretHasher HASHER = new SecretHasher(new byte[32]);
  static final Planner.Inputs IN = new Planner.Inputs("cluster.lab", "sha256:x", "test", false);

  /** A DAG: resource i may depend on any j < i; attributes are strings, numbers or secrets. */
  @Provide
  Arbitrary<ResourceGraph> graphs() {
    return Arbitraries.integers().between(1, 25).flatMap(n ->
        Combinators.combine(
            Arbitraries.integers().between(0, 3).list().ofSize(n),
            Arbitraries.strings().alpha().ofMaxLength(6).list().ofSize(n),
            Arbitraries.longs().between(0, 1 << 20).list().ofSize(n * 3))
        .as((hosts, values, picks) -> {
          var resources = new TreeMap<ResourceAddr, Resource>();
          var addrs = new ArrayList<ResourceAddr>();
          for (int i = 0; i < n; i++) {
            ResourceAddr a = ResourceAddr.parse("node.n" + hosts.get(i) + ".file[\"/etc/f" + i + "\"]");
            var deps = new TreeSet<ResourceAddr>();
            if (i > 0 && picks.get(3 * i) % 3 != 0) deps.add(addrs.get((int) (picks.get(3 * i + 1) % i)));
            if (i > 1 && picks.get(3 * i + 2) % 4 == 0) deps.add(addrs.get((int) (picks.get(3 * i + 2) % i)));
            Map<String, Value> attrs = new HashMap<>();
            // A file step as expansions make it (HostStep.File): path, mode, content text or a secret.
            attrs.put("path", new Value.Str("/etc/f" + i));
            attrs.put("content", new Value.Str(values.get(i)));
            attrs.put("mode", new Value.Str("0644"));
            if (picks.get(3 * i) % 5 == 0) attrs.put("content", new Value.Secret("env", values.get(i) + "-secret"));
            resources.put(a, new Resource(a, "file", new TreeMap<>(attrs), deps, null));
            addrs.add(a);
          }
          return new ResourceGraph(resources);
        }));
  }

  @Property(tries = 200)
  void planningIsDeterministic(@ForAll("graphs") ResourceGraph graph) {
    State prior = State.empty(new Lineage("00000000-0000-4000-8000-000000000000"));
    Plan a = Planner.plan(graph, prior, HASHER, IN);
    Plan b = Planner.plan(graph, prior, HASHER, IN);
    assertEquals(PlanCodec.encode(a), PlanCodec.encode(b));
    assertEquals(new PlanRenderer(false).text(a), new PlanRenderer(false).text(b));
  }

  @Property(tries = 200)
  void recordingAPlanAndPlanningAgainGivesNoChanges(@ForAll("graphs") ResourceGraph graph) {
    State prior = State.empty(Lineage.fresh());
    Plan first = Planner.plan(graph, prior, HASHER, IN);
    assertEquals(graph.resources().size(), first.count(Action.CREATE));
    State applied = AppliedChange.recordAll(prior, first.changes()).nextSerial();
    Plan again = Planner.plan(graph, applied, HASHER, IN);
    assertFalse(again.hasChanges(), () -> new PlanRenderer(false).text(again));
  }

  /** A batch killed mid-way leaves its steps tainted; the next plan applies exactly those again, without preconditions. */
  @Property(tries = 200)
  void taintedStepsArePlannedAgainAndNothingElse(@ForAll("graphs") ResourceGraph graph, @ForAll long seed) {
    State prior = State.empty(Lineage.fresh());
    Plan first = Planner.plan(graph, prior, HASHER, IN);
    var random = new java.util.Random(seed);
    var batch = first.changes().stream().filter(c -> random.nextInt(4) == 0).toList();
    var done = first.changes().stream().filter(c -> !batch.contains(c)).toList();
    State afterKill = AppliedChange.starting(AppliedChange.recordAll(prior, done), batch);
    Plan again = Planner.plan(graph, afterKill, HASHER, IN);
    var changed = again.changes().stream().filter(c -> c.action() != Action.NO_OP).toList();
    assertEquals(batch.stream().map(c -> c.addr()).toList(), changed.stream().map(c -> c.addr()).toList());
    assertTrue(changed.stream().allMatch(c -> c.action() == Action.UPDATE && c.drifted()));
  }

  @Property(tries = 200)
  void deletesComeInReverseDependencyOrder(@ForAll("graphs") ResourceGraph graph, @ForAll long seed) {
    State applied = AppliedChange.recordAll(State.empty(Lineage.fresh()), Planner.plan(graph, State.empty(Lineage.fresh()), HASHER, IN).changes());
    // Drop a pseudo-random subset from the configuration, closed under dependents (what depends on a dropped one is dropped too).
    var dropped = new TreeSet<ResourceAddr>();
    var random = new java.util.Random(seed);
    for (ResourceAddr a : graph.resources().keySet()) if (random.nextInt(3) == 0) dropped.add(a);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Resource r : graph.resources().values()) {
        if (!dropped.contains(r.addr()) && r.dependsOn().stream().anyMatch(dropped::contains)) grew = dropped.add(r.addr());
      }
    }
    var kept = new TreeMap<>(graph.resources());
    dropped.forEach(kept::remove);
    Plan plan = Planner.plan(new ResourceGraph(kept), applied, HASHER, IN);
    List<Change> deletes = plan.changes().stream().filter(c -> c.action() == Action.DELETE).toList();
    assertEquals(dropped, new TreeSet<>(deletes.stream().map(Change::addr).toList()));
    var position = new HashMap<ResourceAddr, Integer>();
    for (int i = 0; i < deletes.size(); i++) position.put(deletes.get(i).addr(), i);
    for (Change d : deletes) {
      for (ResourceAddr dep : d.dependsOn()) {
        if (position.containsKey(dep)) assertTrue(position.get(d.addr()) < position.get(dep), d.addr() + " is deleted before " + dep + ", which it depends on");
      }
    }
    int lastNonDelete = -1;
    for (int i = 0; i < plan.changes().size(); i++) if (plan.changes().get(i).action() != Action.DELETE) lastNonDelete = i;
    assertTrue(lastNonDelete < plan.changes().size() - deletes.size() || deletes.isEmpty(), "deletes come last");
    assertTrue(Set.copyOf(plan.changes().stream().filter(c -> c.action() != Action.DELETE).map(Change::action).toList()).stream().allMatch(a -> a == Action.NO_OP));
  }
}
