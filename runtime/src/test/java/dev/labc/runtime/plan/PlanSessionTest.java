package dev.labc.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.graph.ResourceGraph;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.planner.Planner;
import dev.labc.state.Lineage;
import dev.labc.state.ResourceState;
import dev.labc.state.SecretHasher;
import dev.labc.state.State;
import dev.labc.state.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The plan session's phases as values: what the refresh found shapes the plan, and nothing is printed. */
class PlanSessionTest {
    private static final Scope NODE = Scope.node("gpu-1");
    private static final ResourceAddr KEPT = NODE.resource("file", "/etc/chrony/chrony.conf");
    private static final ResourceAddr GONE = NODE.resource("file", "/etc/motd");
    private static final SecretHasher HASHER = new SecretHasher(new byte[32]);
    private static final Planner.Inputs IN = new Planner.Inputs("cluster.lab", "digest", "test", true);

    @Test
    void thePhasesRunInTheOrderTheyAreListed() {
        assertEquals(List.of(PlanSession.Phase.REFRESH_HOSTS, PlanSession.Phase.REFRESH_CLUSTERS, PlanSession.Phase.FACT_CHECKS,
                PlanSession.Phase.PLAN), PlanSession.PHASES);
    }

    @Test
    void aFirstPlanAsksNoHostAndOpensNoCluster() throws Exception {
        var refreshed = PlanSession.refresh(null, new ResourceGraph(new TreeMap<>()), State.empty(Lineage.fresh()), Map.of(), null,
                () -> { throw new AssertionError("a cluster was opened for a plan with nothing recorded"); });
        assertSame(PlanSession.Refreshed.NONE, refreshed);
        assertTrue(!refreshed.refused());
    }

    @Test
    void deletesOfWhatTheRefreshFoundKeptRestoreTheOriginalAndDriftCarriesWhatTheHostHolds() {
        State prior = State.empty(Lineage.fresh()).with(ResourceState.of(KEPT, "file", file("/etc/chrony/chrony.conf", "pool a")))
                .with(ResourceState.of(GONE, "file", file("/etc/motd", "hello")));
        SortedMap<String, Value> onHost = file("/etc/chrony/chrony.conf", "pool b");
        var refreshed = new PlanSession.Refreshed(new TreeMap<>(), Set.of(KEPT), Set.of(KEPT), Map.of(KEPT, onHost), List.of());
        var planned = PlanSession.plan(new ResourceGraph(new TreeMap<>()), prior, HASHER, IN, new TreeMap<>(), refreshed, p -> p);
        assertEquals(Set.of(KEPT, GONE), planned.plan().changes().stream().map(Change::addr).collect(java.util.stream.Collectors.toSet()));
        assertTrue(planned.plan().changes().stream().allMatch(c -> c.action() == Action.DELETE));
        assertEquals(new TreeSet<>(Set.of(KEPT)), planned.restoring());

        // The selection is applied before restoring is read from the plan.
        var none = PlanSession.plan(new ResourceGraph(new TreeMap<>()), prior, HASHER, IN, new TreeMap<>(), refreshed, p -> p.withChanges(List.of()));
        assertEquals(List.of(), none.plan().changes());
        assertEquals(new TreeSet<>(), none.restoring());
    }

    @Test
    void aDriftedChangeCarriesWhatTheHostHoldsInstead() {
        ResourceAddr declared = NODE.resource("file", "/etc/hosts");
        var attrs = new TreeMap<String, dev.labc.eval.Value>();
        attrs.put("path", new dev.labc.eval.Value.Str("/etc/hosts"));
        attrs.put("content", new dev.labc.eval.Value.Str("10.0.1.1 gpu-1"));
        var graph = new ResourceGraph(new TreeMap<>(Map.of(declared, new dev.labc.graph.Resource(declared, "file", attrs, new TreeSet<>(), null))));
        State prior = State.empty(Lineage.fresh()).with(ResourceState.of(declared, "file", file("/etc/hosts", "10.0.1.1 gpu-1")));
        SortedMap<String, Value> onHost = file("/etc/hosts", "127.0.0.1 localhost");
        var drifted = new PlanSession.Refreshed(new TreeMap<>(), Set.of(declared), Set.of(), Map.of(declared, onHost), List.of());
        Change c = PlanSession.plan(graph, prior, HASHER, IN, new TreeMap<>(), drifted, p -> p).plan().changes().getFirst();
        assertEquals(Action.UPDATE, c.action());
        assertTrue(c.drifted());
        assertEquals(onHost, c.found());

        Change same = PlanSession.plan(graph, prior, HASHER, IN, new TreeMap<>(), PlanSession.Refreshed.NONE, p -> p).plan().changes().getFirst();
        assertEquals(Action.NO_OP, same.action());
        assertEquals(new TreeMap<>(), same.found());
    }

    private static SortedMap<String, Value> file(String path, String content) {
        var m = new TreeMap<String, Value>();
        m.put("path", new Value.Text(path));
        m.put("content", new Value.Text(content));
        return m;
    }
}
