package dev.labc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD mock API server, answering POST .../pods/NAME/eviction with the budget check
 * kube-apiserver makes (429 while a PodDisruptionBudget's minAvailable would break, else the pod
 * is deleted), and listing pods by the spec.nodeName field selector as kube-apiserver does.
 */
public final class EvictionDispatcher extends KubernetesCrudDispatcher {
  private static final Pattern EVICTION = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/eviction");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Evictions refused by a budget, and those done with when (epoch seconds), as ns/name. */
  final List<String> refused = new CopyOnWriteArrayList<>();
  final Map<String, Long> evicted = new java.util.concurrent.ConcurrentHashMap<>();

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
      evicted.put(ns + "/" + name, System.currentTimeMillis() / 1000);
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
