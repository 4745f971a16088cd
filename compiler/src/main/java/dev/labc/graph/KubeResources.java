package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.kube.KubeManifests;
import dev.labc.kube.KubeManifests.ManifestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Expands a program's Kubernetes declarations into one cluster-scoped resource per object:
 * {@code cluster.C.namespace["N"]}, {@code cluster.C.chart["N"]} (a HelmChart object),
 * {@code cluster.C.object["Kind/ns/name"]} from manifests, {@code cluster.C.secret["N"]}.
 * Each depends on the cluster's install step (so it plans before the cluster exists), on its
 * namespace, and a custom resource on the CRD that defines it when both are declared.
 */
public final class KubeResources {
  /** Where the HelmChart objects live: the helm controller watches every namespace; the docs use this one. */
  public static final String HELM_CHART_NAMESPACE = "kube-system";

  /** Built-in kinds that are not namespaced; anything else is, unless a declared CRD says Cluster. */
  static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole",
      "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass", "IngressClass", "RuntimeClass", "APIService",
      "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "CSIDriver", "CSINode", "VolumeSnapshotClass",
      "ClusterIssuer", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");

  private final Program program;
  private final Function<String, Optional<ResourceAddr>> installOf;
  private final SortedMap<ResourceAddr, Resource> out = new TreeMap<>();
  private final List<Diagnostic> found = new ArrayList<>();

  private KubeResources(Program program, Function<String, Optional<ResourceAddr>> installOf) {
    this.program = program;
    this.installOf = installOf;
  }

  /** The objects a program's Kubernetes declarations make, and the declarations that cannot make theirs. */
  public record Expanded(List<Resource> resources, List<Diagnostic> diagnostics) {
    public Expanded {
      resources = List.copyOf(resources);
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * The cluster-scoped resources of {@code program}. {@code installOf} names the host step that
   * installs a cluster (empty for a cluster reached through a given kubeconfig). A manifest or
   * chart file that cannot be read or parsed makes no object and an E0419 instead.
   */
  public static Expanded expand(Program program, Function<String, Optional<ResourceAddr>> installOf) {
    var k = new KubeResources(program, installOf);
    k.run();
    return new Expanded(List.copyOf(k.out.values()), k.found);
  }

  /** The E0419 of a manifest whose objects cannot be read: one wording for the check and the graph builder. */
  public static Diagnostic manifestProblem(Entity m, ManifestException e) {
    return Diagnostic.error(Code.KUBERNETES, m.spanOf(m.get("file") instanceof Value.Null ? "content" : "file"), e.getMessage(),
        "each YAML document needs apiVersion, kind and metadata.name");
  }

  /** One object to make; {@code after}: objects of the same cluster it waits for (a chart's CRDs, a Secret a chart reads). */
  record Pending(String cluster, Map<String, Object> object, String type, Map<String, Value> extra,
                 long timeoutSeconds, Entity origin, List<ResourceAddr> after) {
    Pending(String cluster, Map<String, Object> object, String type, Map<String, Value> extra, long timeoutSeconds, Entity origin) {
      this(cluster, object, type, extra, timeoutSeconds, origin, List.of());
    }
  }

  private void run() {
    var pending = new ArrayList<Pending>();
    for (Entity ns : program.ofKind("namespace")) {
      var meta = new TreeMap<String, Object>();
      meta.put("name", ns.name());
      if (ns.get("labels") instanceof Value.Obj l && !l.fields().isEmpty()) meta.put("labels", plain(l));
      pending.add(object(ns, Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", meta), Map.of(), 60));
    }
    for (Entity c : program.ofKind("chart")) {
      try {
        pending.add(object(c, helmChart(c), Map.of(), seconds(c.get("timeout"))));
      } catch (ManifestException e) {
        found.add(Diagnostic.error(Code.KUBERNETES, c.spanOf("chart_file"), e.getMessage(), "chart_file is a packaged chart (.tgz) relative to this .lab"));
      }
    }
    for (Entity s : program.ofKind("kube_secret")) {
      var meta = Map.<String, Object>of("name", s.name(), "namespace", Values.text(s.get("namespace")));
      var data = s.get("data") instanceof Value.Obj o ? o : new Value.Obj(new TreeMap<>());
      pending.add(object(s, Map.of("apiVersion", "v1", "kind", "Secret", "metadata", meta, "type", Values.text(s.get("type"))),
          Map.of("data", data), 60));
    }
    for (Entity m : program.ofKind("manifest")) {
      try {
        for (Map<String, Object> o : manifestObjects(m)) pending.add(object(m, o, Map.of(), seconds(m.get("timeout"))));
      } catch (ManifestException e) {
        found.add(manifestProblem(m, e));
      }
    }
    pending.addAll(ChartPresets.expand(program));
    // Which (group, kind) the declared CRDs define, and their scope, before namespacing the rest.
    var crds = new TreeMap<String, ResourceAddr>();
    var crdScope = new TreeMap<String, String>();
    for (Pending p : pending) {
      if (!"CustomResourceDefinition".equals(p.object.get("kind"))) continue;
      Map<String, Object> spec = map(p.object.get("spec"));
      String key = p.cluster + "/" + spec.get("group") + "/" + map(spec.get("names")).get("kind");
      crds.put(key, addr(p, null));
      crdScope.put(key, String.valueOf(spec.getOrDefault("scope", "Namespaced")));
    }
    for (Pending p : pending) {
      String kind = String.valueOf(p.object.get("kind"));
      String group = String.valueOf(p.object.get("apiVersion")).contains("/") ? String.valueOf(p.object.get("apiVersion")).replaceFirst("/[^/]*$", "") : "";
      String crdKey = p.cluster + "/" + group + "/" + kind;
      boolean namespaced = crdScope.containsKey(crdKey) ? crdScope.get(crdKey).equals("Namespaced") : !CLUSTER_SCOPED.contains(kind);
      Map<String, Object> meta = new TreeMap<>(map(p.object.get("metadata")));
      if (!namespaced) meta.remove("namespace");
      else meta.putIfAbsent("namespace", p.origin.get("namespace") instanceof Value.Str s ? s.value() : "default");
      var object = new TreeMap<>(p.object);
      object.put("metadata", meta);
      String ns = namespaced ? String.valueOf(meta.get("namespace")) : null;
      ResourceAddr addr = addr(p, ns);
      var deps = new TreeSet<ResourceAddr>();
      installOf.apply(p.cluster).ifPresent(deps::add);
      if (ns != null) deps.add(Scope.cluster(p.cluster).resource("namespace", ns));
      if (crds.containsKey(crdKey)) deps.add(crds.get(crdKey));
      deps.addAll(p.after);
      if (p.type.equals("chart") && object.get("spec") instanceof Map<?, ?> spec && spec.get("targetNamespace") != null) {
        deps.add(Scope.cluster(p.cluster).resource("namespace", String.valueOf(spec.get("targetNamespace"))));
      }
      var attrs = new TreeMap<String, Value>(p.extra);
      attrs.put("api_version", str(String.valueOf(object.get("apiVersion"))));
      attrs.put("kind", str(kind));
      attrs.put("name", str(String.valueOf(meta.get("name"))));
      if (ns != null) attrs.put("namespace", str(ns));
      attrs.put("manifest", str(KubeManifests.write(object)));
      attrs.put("timeout_s", new Value.Int(p.timeoutSeconds));
      out.putIfAbsent(addr, new Resource(addr, addr.type(), attrs, deps, p.origin.span()));
    }
    // A dependency on a namespace or CRD that is not declared here is not a graph edge: it exists already.
    out.replaceAll((a, r) -> new Resource(a, r.type(), r.attributes(),
        new TreeSet<>(r.dependsOn().stream().filter(d -> d.scope().kind() != a.scope().kind() || out.containsKey(d)).toList()), r.origin()));
  }

  private Pending object(Entity e, Map<String, Object> object, Map<String, Value> extra, long timeout) {
    String cluster = e.get("cluster") instanceof Value.Ref r ? r.name() : "";
    String type = switch (e.kind()) {
      case "chart" -> "chart";
      case "kube_secret" -> "secret";
      default -> "Namespace".equals(object.get("kind")) ? "namespace" : "object";
    };
    return new Pending(cluster, object, type, extra, timeout, e);
  }

  private static ResourceAddr addr(Pending p, String namespace) {
    Scope s = Scope.cluster(p.cluster);
    String name = String.valueOf(map(p.object.get("metadata")).get("name"));
    return switch (p.type) {
      case "chart", "secret", "namespace" -> s.resource(p.type, name);
      default -> s.resource("object", p.object.get("kind") + "/" + (namespace == null ? "" : namespace + "/") + name);
    };
  }

  private Map<String, Object> helmChart(Entity c) throws ManifestException {
    var spec = new TreeMap<String, Object>();
    spec.put("chart", Values.text(c.get("chart")));
    if (c.get("repo") instanceof Value.Str r) spec.put("repo", r.value());
    if (c.get("version") instanceof Value.Str v) spec.put("version", v.value());
    spec.put("targetNamespace", Values.text(c.get("namespace")));
    spec.put("createNamespace", c.get("create_namespace") instanceof Value.Bool b && b.value());
    if (c.get("values") instanceof Value.Obj v && !v.fields().isEmpty()) {
      spec.put("valuesContent", KubeManifests.write(plain(v)));
    }
    if (c.get("chart_file") instanceof Value.Str f) {
      try {
        Path file = c.besideDeclaration(f.value());
        spec.put("chartContent", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
      } catch (IOException | java.nio.file.InvalidPathException e) {
        throw new ManifestException("chart " + c.name() + ": cannot read chart_file " + f.value());
      }
    }
    return helmChartObject(c.name(), spec);
  }

  /** A HelmChart object named {@code name} in the helm controller's namespace. */
  static Map<String, Object> helmChartObject(String name, Map<String, Object> spec) {
    return Map.of("apiVersion", "helm.cattle.io/v1", "kind", "HelmChart",
        "metadata", Map.of("name", name, "namespace", HELM_CHART_NAMESPACE), "spec", spec);
  }

  /** The objects of a manifest declaration, from its file or inline content. */
  public static List<Map<String, Object>> manifestObjects(Entity m) throws ManifestException {
    String yaml;
    if (m.get("file") instanceof Value.Str f) {
      try {
        Path file = m.besideDeclaration(f.value());
        yaml = Files.readString(file);
      } catch (IOException | java.nio.file.InvalidPathException e) {
        throw new ManifestException("manifest " + m.name() + ": cannot read " + f.value());
      }
    } else if (m.get("content") instanceof Value.Str s) {
      yaml = s.value();
    } else {
      throw new ManifestException("manifest " + m.name() + " needs `file` or `content`");
    }
    try {
      return KubeManifests.read(yaml);
    } catch (ManifestException e) {
      throw new ManifestException("manifest " + m.name() + ": " + e.getMessage());
    }
  }

  /** A .lab value as plain YAML data; secrets never get here (KubeCheck refuses them in chart values). */
  static Map<String, Object> plain(Value.Obj o) {
    var m = new LinkedHashMap<String, Object>();
    o.fields().forEach((k, v) -> m.put(k, plainValue(v)));
    return KubeManifests.sorted(m);
  }

  private static Object plainValue(Value v) {
    return switch (v) {
      case Value.ListV l -> l.items().stream().map(KubeResources::plainValue).toList();
      case Value.Obj o -> plain(o);
      case Value.Int i -> i.value();
      case Value.Flt f -> f.value();
      case Value.Bool b -> b.value();
      case Value.Null n -> null;
      case Value.Secret s -> throw new IllegalStateException("a secret in chart values passed the check");
      default -> Values.text(v);
    };
  }

  static long seconds(Value v) {
    return v instanceof Value.Quantity q ? q.base().setScale(0, java.math.RoundingMode.CEILING).longValueExact() : 300;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static Value.Str str(String s) {
    return new Value.Str(s);
  }

}
