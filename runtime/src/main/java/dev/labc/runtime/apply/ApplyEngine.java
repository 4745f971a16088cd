package dev.labc.runtime.apply;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.ScopeKind;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.plan.Need;
import dev.labc.plan.Plan;
import dev.labc.plan.Rollout;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.Transport;
import dev.labc.shell.SecretResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Applies a plan's changes: sorts them by scope, then runs each host ({@link HostRun}: steps in
 * dependency order, consecutive steps sent as one script over its one connection, split only where
 * a step waits for another host, each step's precondition checked first in one batched round trip)
 * and each cluster ({@link ClusterSteps}) in parallel, within the rollout's batches
 * ({@link RolloutGate}). Every completed batch is recorded in state before the next starts, so a
 * killed apply leaves state true to what was done.
 */
public final class ApplyEngine {
    /**
     * {@code skipNeeds}: steps needing any of these ({@link Need}), and what depends on them, are
     * skipped like an excluded host's: reported, not recorded, so they stay planned for a later apply.
     */
    public record Options(int parallelism, Set<String> exclude, Set<ResourceAddr> targets, Duration stepTimeout,
                          int retries, Duration backoff, Set<Need> skipNeeds, int serial, Reboots reboots, Drains drains) {
        public static Options defaults() {
            return new Options(32, Set.of(), Set.of(), Duration.ofMinutes(10), 2, Duration.ofMillis(500), Set.of(), 0, Reboots.DEFAULT, Drains.NONE);
        }

        /** Which nodes are drained in their workload manager before their disruptive steps. */
        public Options withDrains(Drains d) {
            return new Options(parallelism, exclude, targets, stepTimeout, retries, backoff, skipNeeds, serial, reboots, d);
        }

        /** How nodes are rebooted after steps that need it, and how long apply waits for them. */
        public Options withReboots(Reboots r) {
            return new Options(parallelism, exclude, targets, stepTimeout, retries, backoff, skipNeeds, serial, r, drains);
        }

        /** A rolling apply: nodes with a disruptive step {@code n} at a time ({@link Rollout}); 0 for all at once. */
        public Options withSerial(int n) {
            return new Options(parallelism, exclude, targets, stepTimeout, retries, backoff, skipNeeds, Math.max(0, n), reboots, drains);
        }

        public Options withExclude(Set<String> hosts) {
            return new Options(parallelism, hosts, targets, stepTimeout, retries, backoff, skipNeeds, serial, reboots, drains);
        }

        public Options withTargets(Set<ResourceAddr> addrs) {
            return new Options(parallelism, exclude, addrs, stepTimeout, retries, backoff, skipNeeds, serial, reboots, drains);
        }

        public Options withParallelism(int n) {
            return new Options(Math.max(1, n), exclude, targets, stepTimeout, retries, backoff, skipNeeds, serial, reboots, drains);
        }

        public Options withStepTimeout(Duration t) {
            return new Options(parallelism, exclude, targets, t, retries, backoff, skipNeeds, serial, reboots, drains);
        }

        public Options withSkipNeeds(Set<Need> needs) {
            return new Options(parallelism, exclude, targets, stepTimeout, retries, backoff, Set.copyOf(needs), serial, reboots, drains);
        }
    }

    /** Records completed changes in state; called from host threads, one batch at a time. */
    @FunctionalInterface
    public interface StateRecorder {
        void completed(String host, List<Change> changes);

        /** Called before a batch runs, so a kill during it leaves the batch marked unsure in state. */
        default void starting(String host, List<Change> changes) {}
    }

    /** Resolves the secrets one change's scripts need; the values are used only inside the script. */
    @FunctionalInterface
    public interface Secrets {
        SecretResolver forChange(Change change);
    }

    /** Progress for the terminal: host, steps finished, steps in total, what runs now. */
    @FunctionalInterface
    public interface Progress {
        void update(String host, int finished, int total, String current);

        Progress NONE = (h, f, t, c) -> {};
    }

    private final Transport transport;
    private final Options options;
    private final StateRecorder recorder;
    private final Secrets secrets;
    private final Progress progress;
    private final ClusterSteps clusters;

    /** @param clusters how a cluster's changes run ({@code runtime.kube.ClusterRun}); the engine itself knows no Kubernetes */
    public ApplyEngine(Transport transport, Options options, StateRecorder recorder, Secrets secrets, Progress progress,
                       ClusterSteps clusters) {
        this.transport = transport;
        this.options = options;
        this.recorder = recorder;
        this.secrets = secrets;
        this.progress = progress;
        this.clusters = clusters;
    }

    public ApplyReport apply(Plan plan, Map<String, HostEndpoint> endpoints) {
        var byHost = new TreeMap<String, List<Change>>();
        var byCluster = new TreeMap<String, List<Change>>();
        var outcomes = new TreeMap<String, List<StepOutcome>>();
        var finished = new StepCompletion();
        var withheld = plan.withheld(options.skipNeeds());
        for (Change c : plan.changes()) {
            if (c.action() == Action.NO_OP) continue;
            if (!options.targets().isEmpty() && !options.targets().contains(c.addr())) continue;
            String scope = c.addr().scope().name();
            if (withheld.containsKey(c.addr())) {
                String key = c.addr().scope().kind() == ScopeKind.CLUSTER ? "cluster." + scope : scope;
                outcomes.computeIfAbsent(key, k -> new ArrayList<>()).add(StepOutcome.Skipped.asked(c.addr(), withheld.get(c.addr())));
                continue;
            }
            if (c.addr().scope().kind() == ScopeKind.CLUSTER) {
                byCluster.computeIfAbsent(scope, k -> new ArrayList<>()).add(c);
                finished.track(c.addr());
                continue;
            }
            if (options.exclude().contains(scope)) {
                outcomes.computeIfAbsent(scope, k -> new ArrayList<>()).add(StepOutcome.Skipped.asked(c.addr(), StepOutcome.Skipped.EXCLUDED));
                continue;
            }
            byHost.computeIfAbsent(scope, k -> new ArrayList<>()).add(c);
            finished.track(c.addr());
        }
        // Removed Slurm workers and Kubernetes members are drained before anything else changes; a failed drain changes nothing.
        var removalDrains = RemovalDrains.run(transport, endpoints, options.drains(), byHost.keySet());
        var refused = RemovalDrains.refused(removalDrains, byHost, byCluster, outcomes);
        if (refused.isPresent()) return refused.get();
        removalDrains.forEach((host, o) -> outcomes.computeIfAbsent(host, k -> new ArrayList<>()).addAll(o));
        var permits = new Semaphore(options.parallelism());
        var results = new ConcurrentHashMap<String, List<StepOutcome>>();
        // Batches of what this apply runs: hosts excluded or wholly withheld are in none.
        var gate = new RolloutGate(Rollout.of(byHost.values().stream().flatMap(List::stream).toList(), options.serial()));
        var clusterContext = new ClusterSteps.Context(recorder, secrets, progress, finished);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            byHost.forEach((host, changes) -> threads.submit(() -> {
                var run = new HostRun(host, endpoints.get(host), changes, finished, permits, transport, options, recorder, secrets, progress);
                try {
                    String turnedAway = gate.awaitTurn(host);
                    results.put(host, turnedAway != null ? run.skipAll(turnedAway) : run.run());
                } catch (RuntimeException e) {
                    results.put(host, run.failRemaining("internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
                } finally {
                    changes.forEach(c -> finished.finish(c.addr(), false)); // no-op for those already finished
                    gate.finished(host, results.getOrDefault(host, List.of()).stream().allMatch(StepOutcome.Done.class::isInstance));
                }
            }));
            byCluster.forEach((cluster, changes) -> threads.submit(() -> {
                try {
                    results.put("cluster." + cluster, clusters.run(cluster, changes, clusterContext));
                } finally {
                    changes.forEach(c -> finished.finish(c.addr(), false));
                }
            }));
        }
        results.forEach((host, list) -> outcomes.computeIfAbsent(host, k -> new ArrayList<>()).addAll(list));
        return new ApplyReport(outcomes);
    }
}
