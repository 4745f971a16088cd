package dev.labc.runtime.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** The CRUD mock, answering POST .../pods/NAME/eviction with the budget check kube-apiserver makes. */
  static final class EvictionDispatcher extends KubernetesCrudDispatcher {
    private static final Pattern EVICTION = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/eviction");
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<String> refused = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      Matcher m = EVICTION.matcher(request.getPath());
      if (request.getMethod().equals("POST") && m.find()) return evict(m.group(1), m.group(2));
      Matcher byNode = BY_NODE.matcher(request.getPath());
      if (request.getMethod().equals("GET") && byNode.matches()) return podsOn(byNode.group(1));
      return super.dispatch(request);
    }

    // The CRUD mock ignores field selectors it does not index; kube-apiserver supports spec.nodeName for pods.
    private static final Pattern BY_NODE = Pattern.compile("^/api/v1/pods\\?fieldSelector=spec\\.nodeName%3D([^&]+)$");

    private MockResponse podsOn(String node) {
      try {
        var list = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(handleGet("/api/v1/pods").getBody().readUtf8());
        var kept = JSON.createArrayNode();
        for (JsonNode p : list.path("items")) if (node.equals(p.path("spec").path("nodeName").asText())) kept.add(p);
        list.set("items", kept);
        return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(list));
      } catch (Exception e) {
        return new MockResponse().setResponseCode(500).setBody(String.valueOf(e.getMessage()));
      }
    }

    private MockResponse evict(String ns, String name) {
      try {
        JsonNode pod = JSON.readTree(handleGet("/api/v1/namespaces/" + ns + "/pods/" + name).getBody().readUtf8());
        JsonNode pods = JSON.readTree(handleGet("/api/v1/namespaces/" + ns + "/pods").getBody().readUtf8()).path("items");
        JsonNode budgets = JSON.readTree(handleGet("/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets").getBody().readUtf8()).path("items");
        for (JsonNode pdb : budgets) {
          JsonNode selector = pdb.path("spec").path("selector").path("matchLabels");
          if (!matches(selector, pod)) continue;
          int healthy = 0;
          for (JsonNode p : pods) if (matches(selector, p) && "Running".equals(p.path("status").path("phase").asText())) healthy++;
          if (healthy - 1 < pdb.path("spec").path("minAvailable").asInt()) {
            refused.add(ns + "/" + name);
            return new MockResponse().setResponseCode(429).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"Cannot evict pod as it would violate the pod's disruption budget.\",\"reason\":\"TooManyRequests\",\"code\":429}");
          }
        }
        handleDelete("/api/v1/namespaces/" + ns + "/pods/" + name);
        return new MockResponse().setResponseCode(201).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"code\":201}");
      } catch (Exception e) {
        return new MockResponse().setResponseCode(500).setBody(String.valueOf(e.getMessage()));
      }
    }

    private static boolean matches(JsonNode selector, JsonNode pod) {
      if (selector.isMissingNode() || selector.isEmpty()) return false;
      for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().asText().equals(pod.path("metadata").path("labels").path(e.getKey()).asText(null))) return false;
      }
      return true;
    }
  }
}
