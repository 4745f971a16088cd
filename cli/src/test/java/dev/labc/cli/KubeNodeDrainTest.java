package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.runtime.kube.KubeNodeDrain;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cordon, evict and uncordon against fabric8's CRUD mock API server, which here also answers the
 * Eviction API as kube-apiserver does: 429 when a PodDisruptionBudget's minAvailable would be
 * broken, else the pod is deleted. A Deployment's controller is played by the test: it starts the
 * replacement pod on another node after a while, and only then may the budget allow the eviction.
 */
class KubeNodeDrainTest {
  /** Held, so the level set on it is not lost when the logger is collected. */
  static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
  KubernetesMockServer server;
  EvictionDispatcher dispatcher;
  KubernetesClient client;

  @BeforeEach
  void start() {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    dispatcher = new EvictionDispatcher();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    for (String n : List.of("n-1", "n-2")) client.nodes().resource(new NodeBuilder().withNewMetadata().withName(n).endMetadata().build()).create();
    pod("web-1", "n-1", Map.of("app", "web"), false);
    pod("web-2", "n-2", Map.of("app", "web"), false);
    pod("job-1", "n-1", Map.of(), false);
    pod("logs-n-1", "n-1", Map.of("app", "logs"), true);
    client.policy().v1().podDisruptionBudget().inNamespace("default").resource(new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withNewMinAvailable(2).withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build()).create();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void drainCordonsEvictsWhenTheBudgetAllowsKeepsDaemonSetPodsAndUncordonAfter() {
    var controller = Executors.newSingleThreadScheduledExecutor();
    // The Deployment's replacement for web-1 becomes ready on n-2 a little later.
    controller.schedule(() -> pod("web-3", "n-2", Map.of("app", "web"), false), 400, TimeUnit.MILLISECONDS);
    try {
      var drain = new KubeNodeDrain(client, Duration.ofSeconds(20), Duration.ofMillis(50));
      assertEquals(java.util.Optional.empty(), drain.drain("n-1"));
      assertEquals(Boolean.TRUE, client.nodes().withName("n-1").get().getSpec().getUnschedulable(), "cordoned");
      assertNull(client.pods().inNamespace("default").withName("web-1").get());
      assertNull(client.pods().inNamespace("default").withName("job-1").get());
      assertNotNull(client.pods().inNamespace("default").withName("logs-n-1").get(), "a DaemonSet's pod stays, as with kubectl drain --ignore-daemonsets");
      assertTrue(dispatcher.refused.contains("default/web-1"), "the budget refused web-1 before its replacement ran: " + dispatcher.refused);
      assertFalse(dispatcher.refused.contains("default/job-1"), "no budget covers job-1");
      assertEquals(java.util.Optional.empty(), drain.uncordon("n-1"));
      assertEquals(Boolean.FALSE, client.nodes().withName("n-1").get().getSpec().getUnschedulable());
    } finally {
      controller.shutdownNow();
    }
  }

  @Test
  void aBudgetThatNeverAllowsTheEvictionTimesOutAndUncordons() {
    var drain = new KubeNodeDrain(client, Duration.ofMillis(600), Duration.ofMillis(50));
    var failed = drain.drain("n-1");
    assertTrue(failed.isPresent());
    assertEquals("pods still on n-1 after 0 s of draining (eviction refused, a PodDisruptionBudget allows no disruption now: default/web-1);"
        + " uncordoned it, nothing was changed", failed.get());
    assertNotNull(client.pods().inNamespace("default").withName("web-1").get(), "web-1 was not evicted");
    assertEquals(Boolean.FALSE, client.nodes().withName("n-1").get().getSpec().getUnschedulable());
  }

  private void pod(String name, String node, Map<String, String> labels, boolean daemonSet) {
    var b = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(labels).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus();
    if (daemonSet) b.editMetadata().addNewOwnerReference().withKind("DaemonSet").withName("logs").withApiVersion("apps/v1").withUid("u").endOwnerReference().endMetadata();
    client.pods().inNamespace("default").resource(b.build()).create();
  }
}
