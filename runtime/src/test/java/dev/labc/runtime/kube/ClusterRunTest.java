package dev.labc.runtime.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.runtime.apply.ApplyEngine;
import dev.labc.runtime.apply.ClusterSteps;
import dev.labc.runtime.apply.ClusterTargets;
import dev.labc.runtime.apply.StepCompletion;
import dev.labc.runtime.apply.StepOutcome;
import dev.labc.shell.SecretResolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A cluster's run follows the plan's order, records what completed, and reports one outcome per change in plan order. */
class ClusterRunTest {
    private static final Scope K3S = Scope.cluster("k3s");

    @Provide
    Arbitrary<List<Change>> plans() {
        var change = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5).tuple2()
                .map(t -> t.get1() + "/" + t.get2());
        return change.list().ofMinSize(1).ofMaxSize(30).uniqueElements().flatMap(keys -> Arbitraries.of(Action.CREATE, Action.UPDATE, Action.DELETE)
                .list().ofSize(keys.size()).map(actions -> {
                    var out = new ArrayList<Change>();
                    for (int i = 0; i < keys.size(); i++) out.add(change(keys.get(i), actions.get(i)));
                    return (List<Change>) out;
                }));
    }

    @Property(tries = 100)
    void objectsAreAppliedAndDeletedInThePlansOrderAndRecorded(@ForAll("plans") List<Change> plan) {
        var calls = Collections.synchronizedList(new ArrayList<String>());
        var recorded = Collections.synchronizedList(new ArrayList<ResourceAddr>());
        ClusterTargets targets = cluster -> new ClusterTargets.ClusterTarget() {
            public Optional<String> apply(Change c, SecretResolver s) { calls.add("apply " + c.addr()); return Optional.empty(); }

            public Optional<String> delete(Change c) { calls.add("delete " + c.addr()); return Optional.empty(); }

            public void close() {}
        };
        var outcomes = ClusterRun.over(targets).run("k3s", plan, context(plan, recorded));
        assertEquals(plan.stream().map(c -> (c.action() == Action.DELETE ? "delete " : "apply ") + c.addr()).toList(), calls);
        assertEquals(plan.stream().map(Change::addr).toList(), recorded);
        assertEquals(plan.stream().map(c -> (StepOutcome) new StepOutcome.Done(c.addr())).toList(), outcomes);
    }

    @Test
    void aClusterThatCannotBeOpenedFailsItsFirstObjectAndSkipsTheRest() {
        var plan = List.of(change("Namespace/b", Action.CREATE), change("ConfigMap/a", Action.CREATE));
        var recorded = new ArrayList<ResourceAddr>();
        ClusterTargets none = cluster -> { throw new IllegalStateException("no kubeconfig for cluster " + cluster + " yet"); };
        var outcomes = ClusterRun.over(none).run("k3s", plan, context(plan, recorded));
        assertEquals(List.of(new StepOutcome.Failed(plan.get(0).addr(), "no kubeconfig for cluster k3s yet"),
                new StepOutcome.Skipped(plan.get(1).addr(), "cluster failed: no kubeconfig for cluster k3s yet")), outcomes);
        assertEquals(List.of(), recorded);
    }

    private static ClusterSteps.Context context(List<Change> plan, List<ResourceAddr> recorded) {
        var finished = new StepCompletion();
        plan.forEach(c -> finished.track(c.addr()));
        ApplyEngine.StateRecorder recorder = (scope, done) -> done.forEach(c -> recorded.add(c.addr()));
        return new ClusterSteps.Context(recorder, c -> SecretResolver.NONE, ApplyEngine.Progress.NONE, finished);
    }

    private static Change change(String key, Action action) {
        var attrs = new TreeMap<String, dev.labc.state.Value>();
        return action == Action.DELETE
                ? new Change(K3S.resource("object", key), "object", action, attrs, new TreeMap<>(), new TreeSet<>(), List.of())
                : new Change(K3S.resource("object", key), "object", action, new TreeMap<>(), attrs, new TreeSet<>(), List.of());
    }
}
