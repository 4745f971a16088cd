package dev.labc.runtime.kube;

import dev.labc.kube.KubeManifests;
import dev.labc.plan.Change;
import dev.labc.shell.SecretResolver;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Applies and deletes one cluster's planned objects with fabric8: server-side apply with field
 * manager {@code labc}, skipped when the live object already holds every declared field (so a
 * no-op re-apply sends no PATCH), then a wait for the object to be ready.
 */
public final class KubeApplier {
  public static final String FIELD_MANAGER = "labc";

  public record Options(boolean forceConflicts, Duration poll) {
    public static Options defaults() {
      return new Options(false, Duration.ofSeconds(2));
    }
  }

  private final KubernetesClient client;
  private final Options options;
  private final Readiness readiness;
  /** Live objects read by one LIST per kind and namespace: group -> name -> object; absent = not there. */
  private final Map<String, Map<String, GenericKubernetesResource>> listed = new java.util.HashMap<>();
  private final java.util.Set<String> changed = new java.util.HashSet<>();

  public KubeApplier(KubernetesClient client, Options options) {
    this.client = client;
    this.options = options;
    this.readiness = new Readiness(client, options.poll());
  }

  /** Applies one create or update; empty when done and ready, else one line saying why not. */
  public Optional<String> apply(Change c, SecretResolver secrets) {
    GenericKubernetesResource desired;
    try {
      desired = object(c.after(), secrets);
    } catch (RuntimeException e) {
      return Optional.of(e.getMessage());
    }
    try {
      GenericKubernetesResource live = live(desired);
      forget(desired);
      if (live == null || !ManagedFields.covers(asMap(desired), asMap(live))) {
        var ssa = client.resource(desired).fieldManager(FIELD_MANAGER);
        if (options.forceConflicts()) ssa = ssa.forceConflicts();
        ssa.serverSideApply();
      }
    } catch (KubernetesClientException e) {
      return Optional.of(describe(e));
    }
    long timeout = c.after().get("timeout_s") instanceof Value.Num n ? n.value().longValue() : 300;
    return readiness.await(desired, Duration.ofSeconds(timeout));
  }

  /** Deletes an object labc applied and no longer declares; one that is gone already is fine. */
  public Optional<String> delete(Change c) {
    try {
      GenericKubernetesResource gone = object(c.before(), name -> "");
      client.resource(gone).delete();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return e.getCode() == 404 ? Optional.empty() : Optional.of(describe(e));
    } catch (RuntimeException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Whether the live object no longer holds what state says labc applied: missing, or a managed
   * field changed by hand. A Secret's data are compared as digests are not reversible: only its
   * metadata and type count.
   */
  public Optional<String> drift(SortedMap<String, Value> recorded) {
    GenericKubernetesResource declared = object(recorded, name -> "");
    GenericKubernetesResource live = live(declared);
    if (live == null) return Optional.of("deleted outside labc");
    String diff = ManagedFields.firstDifference(asMap(declared), asMap(live), "");
    return diff == null ? Optional.empty() : Optional.of(diff + " changed outside labc");
  }

  /**
   * Reads, ahead of {@link #apply} or {@link #drift}, the live objects of every kind and namespace
   * that holds at least two of {@code objects} (recorded or planned attributes) with one LIST
   * each, instead of one GET per object: a no-op over 1,000 objects costs tens of requests at
   * the budget, not 1,000. Cluster-scoped objects and lone ones are still read one by one. A LIST
   * refused (no such kind yet, no permission) falls back to GETs.
   */
  public void prefetch(java.util.Collection<SortedMap<String, Value>> objects) {
    var groups = new TreeMap<String, GenericKubernetesResource>();
    var counts = new java.util.HashMap<String, Integer>();
    for (var attrs : objects) {
      GenericKubernetesResource o;
      try {
        o = object(attrs, name -> "");
      } catch (RuntimeException e) {
        continue; // apply reports it
      }
      if (o.getMetadata() == null || o.getMetadata().getNamespace() == null) continue;
      String g = group(o);
      groups.putIfAbsent(g, o);
      counts.merge(g, 1, Integer::sum);
    }
    for (var e : groups.entrySet()) {
      listed.remove(e.getKey());
      changed.removeIf(k -> k.startsWith(e.getKey() + "|"));
      if (counts.get(e.getKey()) < 2) continue;
      GenericKubernetesResource sample = e.getValue();
      try {
        var byName = new java.util.HashMap<String, GenericKubernetesResource>();
        for (var live : client.genericKubernetesResources(sample.getApiVersion(), sample.getKind())
            .inNamespace(sample.getMetadata().getNamespace()).list().getItems()) {
          byName.put(live.getMetadata().getName(), live);
        }
        listed.put(e.getKey(), byName);
      } catch (KubernetesClientException | IllegalArgumentException ex) {
        // Read one by one instead.
      }
    }
  }

  private GenericKubernetesResource live(GenericKubernetesResource desired) {
    var group = listed.get(group(desired));
    String name = desired.getMetadata().getName();
    return group != null && !changed.contains(group(desired) + "|" + name) ? group.get(name) : client.resource(desired).get();
  }

  /** An object about to change is no longer what the LIST saw; it is read afresh if asked again. */
  private void forget(GenericKubernetesResource desired) {
    if (listed.containsKey(group(desired))) changed.add(group(desired) + "|" + desired.getMetadata().getName());
  }

  private static String group(GenericKubernetesResource o) {
    String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
    return o.getApiVersion() + "|" + o.getKind() + "|" + ns;
  }

  /** The object a change describes; a Secret's data resolved from the configuration's secrets. */
  GenericKubernetesResource object(SortedMap<String, Value> attrs, SecretResolver secrets) {
    if (!(attrs.get("manifest") instanceof Value.Text t)) throw new IllegalStateException("no manifest recorded");
    Map<String, Object> object = new TreeMap<>(KubeManifests.parse(t.value()));
    if (attrs.get("data") instanceof Value.Dict d && !d.fields().isEmpty()) {
      var data = new TreeMap<String, Object>();
      for (var e : d.fields().entrySet()) {
        if (!(e.getValue() instanceof SecretDigest)) throw new IllegalStateException("data[\"" + e.getKey() + "\"] is not a secret");
        String value = secrets.resolve("data." + e.getKey());
        if (!value.isEmpty()) data.put(e.getKey(), Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
      }
      if (!data.isEmpty()) object.put("data", data);
    }
    return client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
  }

  Map<?, ?> asMap(GenericKubernetesResource r) {
    return client.getKubernetesSerialization().convertValue(r, Map.class);
  }

  /** One line from an API error; a conflict says how to take ownership. */
  static String describe(KubernetesClientException e) {
    String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
    reason = reason.replace('\n', ' ').strip();
    if (reason.length() > 300) reason = reason.substring(0, 300) + "...";
    if (e.getCode() == 409) {
      return "conflict: " + reason + " (another field manager owns these fields; rerun with --force-conflicts to take them over)";
    }
    return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + reason;
  }
}
