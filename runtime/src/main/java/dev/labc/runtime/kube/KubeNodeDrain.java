package dev.labc.runtime.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * `kubectl drain` for one node, as labc does it before a disruptive step: cordon (no new pods),
 * evict its pods through the Eviction API, so a PodDisruptionBudget can refuse (HTTP 429) and the
 * eviction is retried until the budget allows it or the timeout; DaemonSet pods and static (mirror)
 * pods stay, as kubectl's --ignore-daemonsets leaves them. Uncordon after.
 */
public final class KubeNodeDrain {
  private final KubernetesClient client;
  private final Duration timeout;
  private final Duration poll;

  public KubeNodeDrain(KubernetesClient client, Duration timeout, Duration poll) {
    this.client = client;
    this.timeout = timeout;
    this.poll = poll;
  }

  /** Cordons and evicts; empty when no pod to move is left, else why not (the node is uncordoned then). */
  public Optional<String> drain(String node) {
    try {
      unschedulable(node, true);
    } catch (KubernetesClientException e) {
      return Optional.of("could not cordon " + node + ": " + e.getMessage());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    var refused = new TreeSet<String>();
    while (true) {
      List<Pod> left;
      try {
        left = movable(node);
        refused.clear();
        for (Pod p : left) {
          boolean evicted = client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).evict();
          if (!evicted) refused.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
        }
        if (left.isEmpty()) return Optional.empty();
      } catch (KubernetesClientException e) {
        left = List.of();
        refused.add("(API error: " + e.getMessage() + ")");
      }
      if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) break;
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Optional<String> uncordoned = uncordon(node);
    return Optional.of("pods still on " + node + " after " + timeout.toSeconds() + " s of draining"
        + (refused.isEmpty() ? "" : " (eviction refused, a PodDisruptionBudget allows no disruption now: " + String.join(", ", refused) + ")")
        + "; " + (uncordoned.isEmpty() ? "uncordoned it, nothing was changed" : "and it could not be uncordoned: " + uncordoned.get()));
  }

  public Optional<String> uncordon(String node) {
    try {
      unschedulable(node, false);
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of("could not uncordon " + node + ": " + e.getMessage());
    }
  }

  private void unschedulable(String node, boolean value) {
    client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"unschedulable\":" + value + "}}");
  }

  /** The node's pods a drain moves: not finished, not a DaemonSet's, not a static pod's mirror. */
  private List<Pod> movable(String node) {
    return client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems().stream()
        .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName())) // the field selector is the server's; checked here too
        .filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
        .filter(p -> p.getMetadata().getAnnotations() == null || !p.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror"))
        .filter(p -> p.getMetadata().getOwnerReferences() == null
            || p.getMetadata().getOwnerReferences().stream().map(OwnerReference::getKind).noneMatch("DaemonSet"::equals))
        .toList();
  }
}
