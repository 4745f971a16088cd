package dev.labc.runtime.kube;

import dev.labc.addr.ResourceAddr;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.runtime.apply.ApplyEngine;
import dev.labc.runtime.apply.ClusterSteps;
import dev.labc.runtime.apply.ClusterTargets;
import dev.labc.runtime.apply.ReportText;
import dev.labc.runtime.apply.StepCompletion;
import dev.labc.runtime.apply.StepOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cluster's part of an apply: objects one at a time in the plan's order (the planner's: creates
 * and updates in dependency order, so namespaces and CRDs before what they hold; removals last, in
 * reverse dependency order, so contents before their namespace and CRD), each after the steps it
 * depends on anywhere (the install on a node). Completed objects are recorded in state as each
 * chunk finishes (and every few seconds within one); a kill leaves the rest marked unsure.
 */
public final class ClusterRun {
    /** Objects of one cluster marked started, read ahead and recorded together. */
    static final int CLUSTER_CHUNK = 100;
    static final Duration CLUSTER_COMMIT_EVERY = Duration.ofSeconds(5);

    /** The engine's cluster steps over {@code targets}: one run a cluster. */
    public static ClusterSteps over(ClusterTargets targets) {
        return (cluster, changes, context) -> new ClusterRun(targets, cluster, changes, context).run();
    }

    private final ClusterTargets clusters;
    private final String cluster;
    private final List<Change> changes;
    private final ApplyEngine.StateRecorder recorder;
    private final ApplyEngine.Secrets secrets;
    private final ApplyEngine.Progress progress;
    private final StepCompletion finished;
    private final Map<ResourceAddr, StepOutcome> outcome = new LinkedHashMap<>();

    private ClusterRun(ClusterTargets clusters, String cluster, List<Change> changes, ClusterSteps.Context context) {
        this.clusters = clusters;
        this.cluster = cluster;
        this.changes = changes;
        this.recorder = context.recorder();
        this.secrets = context.secrets();
        this.progress = context.progress();
        this.finished = context.finished();
    }

    private List<StepOutcome> run() {
        ClusterTargets.ClusterTarget target = null;
        String broken = null;
        try {
            List<Change> ordered = changes; // the plan's order; nothing here sorts by Kubernetes kind
            int next = 0;
            while (next < ordered.size()) {
                // A run of up to CLUSTER_CHUNK objects, none depending on another in it: one
                // read-ahead, one state commit marking them started, one (or one every few
                // seconds) recording those done; not two commits and a GET per object.
                var chunk = new ArrayList<Change>();
                var inChunk = new HashSet<ResourceAddr>();
                while (next < ordered.size() && chunk.size() < CLUSTER_CHUNK) {
                    Change c = ordered.get(next);
                    if (c.dependsOn().stream().anyMatch(inChunk::contains)) break;
                    next++;
                    if (broken != null) {
                        skip(c, "cluster failed: " + broken);
                        continue;
                    }
                    String waited = awaitDependencies(c);
                    if (waited != null) {
                        skip(c, waited);
                        continue;
                    }
                    if (target == null) {
                        try {
                            progress.update("cluster." + cluster, outcome.size(), changes.size(), "connecting");
                            target = clusters.open(cluster);
                        } catch (RuntimeException e) {
                            broken = ReportText.oneLine(e.getMessage());
                            outcome.put(c.addr(), new StepOutcome.Failed(c.addr(), broken));
                            finished.finish(c.addr(), false);
                            continue;
                        }
                    }
                    chunk.add(c);
                    inChunk.add(c.addr());
                }
                if (!chunk.isEmpty()) runChunk(target, chunk);
            }
        } finally {
            if (target != null) target.close();
            progress.update("cluster." + cluster, outcome.size(), changes.size(), "");
        }
        var out = new ArrayList<StepOutcome>();
        for (Change c : changes) out.add(outcome.get(c.addr()));
        return out;
    }

    private void runChunk(ClusterTargets.ClusterTarget target, List<Change> chunk) {
        try {
            target.prepare(chunk);
        } catch (RuntimeException e) {
            // Only a read-ahead: each object is read again on its own and reports its failure.
        }
        recorder.starting("cluster." + cluster, List.copyOf(chunk));
        var done = new ArrayList<Change>();
        long lastCommit = System.nanoTime();
        for (Change c : chunk) {
            progress.update("cluster." + cluster, outcome.size(), changes.size(), c.addr().toString());
            Optional<String> failure;
            try {
                failure = c.action() == Action.DELETE ? target.delete(c) : target.apply(c, secrets.forChange(c));
            } catch (RuntimeException e) {
                failure = Optional.of("internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (failure.isEmpty()) {
                done.add(c);
                outcome.put(c.addr(), new StepOutcome.Done(c.addr()));
            } else {
                outcome.put(c.addr(), new StepOutcome.Failed(c.addr(), ReportText.oneLine(failure.get())));
                finished.finish(c.addr(), false);
            }
            // Slow objects (a chart's install job) are recorded as they finish, not only at the end.
            if (!done.isEmpty() && System.nanoTime() - lastCommit > CLUSTER_COMMIT_EVERY.toNanos()) {
                complete(done);
                lastCommit = System.nanoTime();
            }
        }
        complete(done);
    }

    /** Records {@code done} in state, then lets what waits on them go on. */
    private void complete(List<Change> done) {
        if (done.isEmpty()) return;
        recorder.completed("cluster." + cluster, List.copyOf(done));
        for (Change c : done) finished.finish(c.addr(), true);
        done.clear();
    }

    private void skip(Change c, String reason) {
        outcome.put(c.addr(), new StepOutcome.Skipped(c.addr(), reason));
        finished.finish(c.addr(), false);
    }

    /** Null when every dependency in this apply completed; else the reason to skip. */
    private String awaitDependencies(Change c) {
        // A removal waits for nothing: what depended on it is removed before it (the plan's order).
        if (c.action() == Action.DELETE) return null;
        for (ResourceAddr d : c.dependsOn()) {
            if (!finished.tracks(d)) continue;
            // This cluster's own steps ran before in dependency order; only other scopes are waited for.
            if (d.scope().equals(c.addr().scope()) && !finished.isFinished(d)) return "depends on " + d + ", which has not run (a dependency cycle?)";
            if (!finished.await(d)) return "depends on " + d + ", which did not complete";
        }
        return null;
    }
}
