package dev.labc.runtime.apply;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which nodes an apply drains before their disruptive steps, and how long it waits.
 *
 * @param slurmNodes nodes that are Slurm workers in the configuration, by their Slurm node name (the block's)
 * @param kubeNodes nodes that are members of a Kubernetes cluster in the configuration, each with its cluster and node name
 * @param kube how a Kubernetes node is drained and uncordoned
 * @param timeout how long to wait for a drained node's jobs or pods to go
 * @param poll how often to ask
 * @param removing nodes taken out of the configuration: those among {@code slurmNodes} are drained
 *     before any step of the apply runs ({@link RemovalDrains}) and never resumed
 */
public record Drains(Set<String> slurmNodes, Map<String, KubeNode> kubeNodes, KubeDrainer kube, Duration timeout, Duration poll, Set<String> removing) {
  public static final Drains NONE = new Drains(Set.of(), Map.of(), KubeDrainer.NONE, Duration.ofHours(1), Duration.ofSeconds(5));

  public Drains {
    slurmNodes = Set.copyOf(slurmNodes);
    kubeNodes = Map.copyOf(kubeNodes);
    removing = Set.copyOf(removing);
  }

  public Drains(Set<String> slurmNodes, Map<String, KubeNode> kubeNodes, KubeDrainer kube, Duration timeout, Duration poll) {
    this(slurmNodes, kubeNodes, kube, timeout, poll, Set.of());
  }

  public record KubeNode(String cluster, String name) {}

  /** Cordon and evict (drain), uncordon: each empty when done, else why not. */
  public interface KubeDrainer {
    /** Empty when done or when there is nothing to drain (the cluster or node does not exist yet); else why not. */
    Optional<String> drain(KubeNode node);

    Optional<String> uncordon(KubeNode node);

    KubeDrainer NONE = new KubeDrainer() {
      public Optional<String> drain(KubeNode node) { return Optional.of("no Kubernetes access to drain " + node.name()); }

      public Optional<String> uncordon(KubeNode node) { return Optional.of("no Kubernetes access to uncordon " + node.name()); }
    };
  }
}
