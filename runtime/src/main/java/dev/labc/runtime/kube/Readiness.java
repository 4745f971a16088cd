package dev.labc.runtime.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits until an applied object does its job: Deployments, StatefulSets and DaemonSets rolled
 * out, Jobs complete, CRDs established, and a HelmChart's {@code helm-install-NAME} Job complete
 * (the HelmChart's own status only says a job was created). Other kinds are ready when applied.
 * A failure or a timeout is reported with the object's conditions and its latest events.
 */
final class Readiness {
  private final KubernetesClient client;
  private final Duration poll;

  Readiness(KubernetesClient client, Duration poll) {
    this.client = client;
    this.poll = poll;
  }

  /** Empty when ready; else why not, in one line. */
  Optional<String> await(GenericKubernetesResource applied, Duration timeout) {
    String kind = applied.getKind();
    String ns = applied.getMetadata().getNamespace();
    String name = applied.getMetadata().getName();
    Target target = switch (kind) {
      case "Deployment", "StatefulSet", "DaemonSet" -> new Target("apps/v1", kind, ns, name);
      case "Job" -> new Target("batch/v1", "Job", ns, name);
      case "CustomResourceDefinition" -> new Target("apiextensions.k8s.io/v1", kind, null, name);
      case "HelmChart" -> new Target("batch/v1", "Job", ns, "helm-install-" + name);
      default -> null;
    };
    if (target == null) return Optional.empty();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not observed yet";
    while (true) {
      GenericKubernetesResource live;
      try {
        live = target.ns == null
            ? client.genericKubernetesResources(target.apiVersion, target.kind).withName(target.name).get()
            : client.genericKubernetesResources(target.apiVersion, target.kind).inNamespace(target.ns).withName(target.name).get();
      } catch (KubernetesClientException e) {
        return Optional.of(KubeApplier.describe(e));
      }
      if (live != null) {
        State s = state(target.kind, live);
        if (s.ready) return Optional.empty();
        if (s.failed) return Optional.of(describe(target, live, "failed") + events(target));
        last = describe(target, live, "not ready");
      }
      if (System.nanoTime() > deadline) {
        return Optional.of("timed out after " + timeout.toSeconds() + "s waiting for " + (live == null ? target.kind + " " + target.name + " to appear" : last) + events(target));
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted while waiting for " + target.kind + " " + target.name);
      }
    }
  }

  private record Target(String apiVersion, String kind, String ns, String name) {}

  private record State(boolean ready, boolean failed) {}

  private static State state(String kind, GenericKubernetesResource live) {
    return switch (kind) {
      case "Job", "CustomResourceDefinition" -> {
        String good = kind.equals("Job") ? "Complete" : "Established";
        boolean ready = condition(live, good);
        yield new State(ready, !ready && condition(live, "Failed"));
      }
      case "Deployment", "StatefulSet" -> {
        long want = num(live.get("spec", "replicas"), 1);
        boolean observed = num(live.get("status", "observedGeneration"), 0) >= num(live.getMetadata().getGeneration(), 0);
        long updated = num(live.get("status", "updatedReplicas"), 0);
        long ready = num(live.get("status", kind.equals("Deployment") ? "availableReplicas" : "readyReplicas"), 0);
        yield new State(observed && live.get("status") != null && updated >= want && ready >= want, false);
      }
      case "DaemonSet" -> {
        long want = num(live.get("status", "desiredNumberScheduled"), -1);
        yield new State(want >= 0 && num(live.get("status", "numberReady"), 0) >= want
            && num(live.get("status", "updatedNumberScheduled"), 0) >= want, false);
      }
      default -> new State(true, false);
    };
  }

  private static boolean condition(GenericKubernetesResource live, String type) {
    return conditions(live).stream().anyMatch(c -> type.equals(c.get("type")) && "True".equals(String.valueOf(c.get("status"))));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> conditions(GenericKubernetesResource live) {
    Object cs = live.get("status", "conditions");
    var out = new ArrayList<Map<String, Object>>();
    if (cs instanceof List<?> l) for (Object o : l) if (o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
    return out;
  }

  private static String describe(Target t, GenericKubernetesResource live, String what) {
    var sb = new StringBuilder(t.kind).append(' ').append(t.ns == null ? "" : t.ns + "/").append(t.name).append(' ').append(what);
    var cs = conditions(live);
    if (!cs.isEmpty()) {
      sb.append(": conditions");
      for (var c : cs) {
        sb.append(' ').append(c.get("type")).append('=').append(c.get("status"));
        if (c.get("reason") != null) sb.append(" (").append(c.get("reason")).append(')');
        if (c.get("message") != null) sb.append(": ").append(c.get("message"));
        sb.append(';');
      }
    }
    return sb.toString();
  }

  /** The latest few events about the object, for a failure report. */
  private String events(Target t) {
    if (t.ns == null) return "";
    try {
      var list = client.v1().events().inNamespace(t.ns).withField("involvedObject.name", t.name).list().getItems();
      var recent = list.stream().filter(e -> e.getInvolvedObject() != null && t.name.equals(e.getInvolvedObject().getName()))
          .map(e -> Objects.toString(e.getReason(), "") + ": " + Objects.toString(e.getMessage(), "")).toList();
      if (recent.isEmpty()) return "";
      return "; events: " + String.join(" | ", recent.subList(Math.max(0, recent.size() - 3), recent.size()));
    } catch (KubernetesClientException e) {
      return "";
    }
  }

  private static long num(Object o, long otherwise) {
    return o instanceof Number n ? n.longValue() : otherwise;
  }
}
