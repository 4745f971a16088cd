package dev.labc.runtime.apply;

import dev.labc.plan.Change;
import java.util.List;

/**
 * How the engine runs one cluster's changes ({@code runtime.kube.ClusterRun} over the cluster's
 * API): given to the engine by its caller, so this package needs nothing of Kubernetes.
 */
@FunctionalInterface
public interface ClusterSteps {
    /**
     * Runs {@code changes} (one cluster's, in plan order) and returns one outcome for each, in their
     * order; finishes each in {@code run.finished()} as it completes or fails, records completed
     * ones through {@code run.recorder()} under {@code cluster.NAME}.
     */
    List<StepOutcome> run(String cluster, List<Change> changes, Context run);

    /** What a cluster's run shares with the rest of the apply. */
    record Context(ApplyEngine.StateRecorder recorder, ApplyEngine.Secrets secrets, ApplyEngine.Progress progress, StepCompletion finished) {}
}
