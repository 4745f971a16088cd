package dev.labc.runtime.kube;

import dev.labc.runtime.apply.Drains;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Optional;

/**
 * Drains a member of a declared Kubernetes cluster through that cluster's API ({@link KubeNodeDrain}).
 * A cluster whose API cannot be opened yet (no kubeconfig before its install) or that does not
 * know the node has nothing running there to move: that is no drain, not a failure.
 */
public final class ClusterNodeDrainer implements Drains.KubeDrainer {
  private final KubeClusters clusters;
  private final Duration timeout;
  private final Duration poll;

  public ClusterNodeDrainer(KubeClusters clusters, Duration timeout, Duration poll) {
    this.clusters = clusters;
    this.timeout = timeout;
    this.poll = poll;
  }

  @Override
  public Optional<String> drain(Drains.KubeNode node) {
    KubernetesClient client;
    try {
      client = clusters.client(node.cluster());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    try (client) {
      if (client.nodes().withName(node.name()).get() == null) return Optional.empty();
      return new KubeNodeDrain(client, timeout, poll).drain(node.name());
    } catch (KubernetesClientException e) {
      return Optional.of("cluster " + node.cluster() + ": could not drain " + node.name() + ": " + e.getMessage());
    }
  }

  @Override
  public Optional<String> uncordon(Drains.KubeNode node) {
    try (KubernetesClient client = clusters.client(node.cluster())) {
      return new KubeNodeDrain(client, timeout, poll).uncordon(node.name());
    } catch (RuntimeException e) {
      return Optional.of("cluster " + node.cluster() + ": could not uncordon " + node.name() + ": " + e.getMessage());
    }
  }
}
