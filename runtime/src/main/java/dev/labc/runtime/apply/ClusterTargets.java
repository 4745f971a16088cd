package dev.labc.runtime.apply;

import dev.labc.plan.Change;
import dev.labc.shell.SecretResolver;
import java.util.Optional;

/**
 * How the apply engine reaches a cluster's API. A target is opened only when the cluster's first
 * change is due, after the steps it depends on (the cluster's install) completed, because its
 * kubeconfig may only exist from then on.
 */
@FunctionalInterface
public interface ClusterTargets {
    /** Opens the cluster; throws IllegalStateException with a one-line reason when it cannot. */
    ClusterTarget open(String cluster);

    ClusterTargets NONE = cluster -> {
        throw new IllegalStateException("no Kubernetes access for cluster " + cluster);
    };

    /** One cluster's API: apply or delete one object; empty when done, else why not. */
    interface ClusterTarget extends AutoCloseable {
        /** Called before a run of {@code changes} is applied one by one, to read ahead what they need. */
        default void prepare(java.util.List<Change> changes) {}

        Optional<String> apply(Change change, SecretResolver secrets);

        Optional<String> delete(Change change);

        @Override
        void close();
    }
}
