package dev.labc.runtime.plan;

import dev.labc.addr.ResourceAddr;
import dev.labc.check.FactChecks;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Program;
import dev.labc.graph.ResourceGraph;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.plan.Plan;
import dev.labc.planner.Planner;
import dev.labc.runtime.apply.DriftCheck;
import dev.labc.runtime.kube.KubeApplier;
import dev.labc.runtime.kube.KubeClusters;
import dev.labc.runtime.kube.KubeDrift;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.Transport;
import dev.labc.state.SecretHasher;
import dev.labc.state.State;
import dev.labc.state.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Planning against the live cluster, as an ordered list of phases over values: refresh the hosts
 * and clusters state records resources on, check what only their facts can answer, then plan.
 * Nothing here prints: {@link Refreshed} and {@link Planned} carry what the command renders
 * (hosts not refreshed, diagnostics, deletes that restore an original). Reading the .lab, state
 * and the flags comes before, in the command; the lock and freshness after, in the apply session.
 */
public final class PlanSession {
    /** The phases, in the order they run. */
    public enum Phase {
        REFRESH_HOSTS("ask each host state records resources on whether they still hold"),
        REFRESH_CLUSTERS("read each cluster's recorded objects back"),
        FACT_CHECKS("check what only the hosts' facts can answer (machine-id, UIDs, GPUs, MUNGE key)"),
        PLAN("compare the configuration with state and what the refresh found");

        public final String does;

        Phase(String does) { this.does = does; }
    }

    public static final List<Phase> PHASES = List.of(Phase.values());

    /** How long a host's refresh may take. */
    static final Duration HOST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What the refresh found.
     *
     * @param unrefreshed hosts (and clusters, as {@code cluster.NAME}) that could not be asked, each with a
     *     one-line reason starting with its name: the plan is no proof of "no changes" for them
     * @param drifted recorded resources found changed
     * @param kept deleted-to-be files and lines whose originals labc kept on the host
     * @param found for drifted files, what is on the host instead
     * @param diagnostics the fact checks', sorted; an error among them refuses the plan
     */
    public record Refreshed(SortedMap<String, String> unrefreshed, Set<ResourceAddr> drifted, Set<ResourceAddr> kept,
                            Map<ResourceAddr, SortedMap<String, Value>> found, List<Diagnostic> diagnostics) {
        /** No refresh (a first plan, or {@code --refresh=false}): the plan is made from state alone. */
        public static final Refreshed NONE = new Refreshed(new TreeMap<>(), Set.of(), Set.of(), Map.of(), List.of());

        public boolean refused() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /** The plan, and its deletes of files and lines that put back the original labc kept. */
    public record Planned(Plan plan, SortedSet<ResourceAddr> restoring) {}

    private PlanSession() {}

    /**
     * Phases {@link Phase#REFRESH_HOSTS} to {@link Phase#FACT_CHECKS}: asks {@code asked} (the selected
     * nodes) over {@code transport}, and the clusters through {@code clusters} (opened only now).
     */
    public static Refreshed refresh(Program program, ResourceGraph graph, State prior, Map<String, HostEndpoint> asked,
                                    Transport transport, Supplier<KubeClusters> clusters) throws Exception {
        if (prior.isEmpty()) return Refreshed.NONE;
        var found = DriftCheck.run(prior, asked, transport, HOST_TIMEOUT, List.of(FactChecks.MUNGE_KEY));
        var unrefreshed = new TreeMap<String, String>(found.unreachable());
        var drifted = new TreeSet<ResourceAddr>(found.drifted());
        var opened = clusters.get();
        var clients = new ArrayList<AutoCloseable>();
        try {
            var kube = KubeDrift.run(prior, name -> {
                var client = opened.client(name);
                clients.add(client);
                return new KubeApplier(client, KubeApplier.Options.defaults());
            });
            unrefreshed.putAll(kube.unreachable());
            drifted.addAll(kube.drifted());
        } finally {
            for (AutoCloseable c : clients) c.close();
        }
        // A MUNGE key labc writes in this plan (not recorded: new, or forgotten with `state rm` as E0416's hint says) is no mismatch.
        var mungeKeyWritten = new TreeSet<String>();
        for (ResourceAddr a : graph.resources().keySet()) {
            if (a.type().equals("file") && FactChecks.MUNGE_KEY.equals(a.key()) && !prior.resources().containsKey(a)) mungeKeyWritten.add(a.scope().name());
        }
        var diagnostics = new ArrayList<>(FactChecks.run(program, found.facts(), mungeKeyWritten));
        diagnostics.sort(Diagnostic.ORDER);
        return new Refreshed(unrefreshed, drifted, found.keptOriginals(), found.found(), List.copyOf(diagnostics));
    }

    /**
     * Phase {@link Phase#PLAN}: the planner's comparison, each drifted change carrying what the host
     * holds instead (for people to compare; never used by apply), then {@code restrict} (the selection).
     */
    public static Planned plan(ResourceGraph graph, State prior, SecretHasher hasher, Planner.Inputs in, SortedMap<String, String> inputs,
                               Refreshed refreshed, UnaryOperator<Plan> restrict) {
        Plan made = Planner.plan(graph, prior, hasher, in, refreshed.drifted());
        var changes = new ArrayList<Change>();
        for (var c : made.changes()) changes.add(c.drifted() && refreshed.found().containsKey(c.addr()) ? c.withFound(refreshed.found().get(c.addr())) : c);
        Plan plan = restrict.apply(new Plan(made.formatVersion(), made.labcVersion(), made.source(), made.inputsDigest(),
                made.priorLineage(), made.priorSerial(), inputs, changes));
        var restoring = new TreeSet<ResourceAddr>();
        for (var c : plan.changes()) if (c.action() == Action.DELETE && refreshed.kept().contains(c.addr())) restoring.add(c.addr());
        return new Planned(plan, restoring);
    }
}
