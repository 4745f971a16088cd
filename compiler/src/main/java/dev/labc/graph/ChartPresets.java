package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.graph.KubeResources.Pending;
import dev.labc.kube.KubeManifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * std/charts: the seeds' charts as kinds that become the same HelmChart objects a {@code chart}
 * block makes, with the seeds' values, plus what each needs beside it (Rancher's bootstrap
 * Secret, MetalLB's address pool, the DCGM exporter's ServiceMonitor). A preset's {@code values}
 * are merged over the ones it derives, so any other chart value stays reachable.
 */
public final class ChartPresets {
  /** The kinds std/charts declares; each becomes one HelmChart named like its block. */
  public static final List<String> KINDS = List.of("cert_manager", "rancher", "gpu_operator", "prometheus_stack", "metallb", "longhorn");

  /** Where K3s and RKE2 run containerd; the operator's defaults point elsewhere (seed 000). */
  public static final String CONTAINERD_SOCKET = "/run/k3s/containerd/containerd.sock";

  public static String containerdConfig(String distribution) {
    return "/var/lib/rancher/" + distribution + "/agent/etc/containerd/config.toml";
  }

  private ChartPresets() {}

  static List<Pending> expand(Program program) {
    var out = new ArrayList<Pending>();
    for (Entity e : program.ofKind("cert_manager")) out.add(chart(e, "cert-manager", "https://charts.jetstack.io", certManagerValues(), List.of()));
    for (Entity e : program.ofKind("rancher")) rancher(program, e, out);
    for (Entity e : program.ofKind("gpu_operator")) out.add(chart(e, "gpu-operator", "https://helm.ngc.nvidia.com/nvidia", gpuOperatorValues(program, e), List.of()));
    for (Entity e : program.ofKind("prometheus_stack")) prometheusStack(e, out);
    for (Entity e : program.ofKind("metallb")) metallb(e, out);
    for (Entity e : program.ofKind("longhorn")) out.add(chart(e, "longhorn", "https://charts.longhorn.io", longhornValues(e), List.of()));
    return out;
  }

  // Seed 000: `--set crds.enabled=true` (the chart's current name for installCRDs).
  private static Map<String, Object> certManagerValues() {
    return map("crds", map("enabled", true));
  }

  /**
   * Seed 000's Rancher values without `bootstrapPassword`: the password goes into the Secret
   * cattle-system/bootstrap-secret, which Rancher reads and the chart keeps when it exists, so it
   * never reaches valuesContent (shown in the plan). The chart waits for cert-manager when the
   * same cluster declares it.
   */
  private static void rancher(Program program, Entity e, List<Pending> out) {
    String cluster = cluster(e);
    String ns = Values.text(e.get("namespace"));
    out.add(new Pending(cluster, Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", ns)), "namespace", Map.of(), 60, e));
    var after = new ArrayList<ResourceAddr>();
    for (Entity cm : program.ofKind("cert_manager")) if (cluster(cm).equals(cluster)) after.add(chartAddr(cm));
    if (e.get("bootstrap_password") instanceof Value.Secret pw) {
      after.add(Scope.cluster(cluster).resource("secret", "bootstrap-secret"));
      var data = new TreeMap<String, Value>(Map.of("bootstrapPassword", pw));
      out.add(new Pending(cluster, Map.of("apiVersion", "v1", "kind", "Secret", "type", "Opaque",
          "metadata", Map.of("name", "bootstrap-secret", "namespace", ns)), "secret", Map.of("data", new Value.Obj(data)), 60, e));
    }
    out.add(chart(e, "rancher", "https://releases.rancher.com/server-charts/stable", rancherValues(e), after));
  }

  private static Map<String, Object> rancherValues(Entity e) {
    var v = map("hostname", Values.text(e.get("hostname")), "replicas", ((Value.Int) e.get("replicas")).value());
    String tls = Values.text(e.get("tls_source"));
    v.put("ingress", map("tls", map("source", tls)));
    if (tls.equals("letsEncrypt")) {
      var le = new TreeMap<String, Object>();
      if (e.get("acme_email") instanceof Value.Str m) le.put("email", m.value());
      if (e.get("ingress_class") instanceof Value.Str c) le.put("ingress", map("class", c.value()));
      v.put("letsEncrypt", le);
    }
    return v;
  }

  /**
   * Seed 000 (driver and toolkit on the hosts: both disabled, `operator.defaultRuntime`) and seed
   * 001 (both the operator's). An enabled toolkit is pointed at the distribution's containerd;
   * check E0407 holds the nodes' `gpu.driver` to `driver`.
   */
  private static Map<String, Object> gpuOperatorValues(Program program, Entity e) {
    boolean driver = e.get("driver") instanceof Value.Bool b && b.value();
    boolean toolkit = e.get("toolkit") instanceof Value.Bool b && b.value();
    var d = map("enabled", driver);
    if (driver && e.get("driver_version") instanceof Value.Str ver) d.put("version", ver.value());
    var t = map("enabled", toolkit);
    if (toolkit) {
      String dist = distribution(program, e);
      t.put("env", List.of(map("name", "CONTAINERD_CONFIG", "value", containerdConfig(dist)),
          map("name", "CONTAINERD_SOCKET", "value", CONTAINERD_SOCKET)));
    }
    var v = map("driver", d, "toolkit", t);
    if (e.get("default_runtime") instanceof Value.Str r) v.put("operator", map("defaultRuntime", r.value()));
    return v;
  }

  /**
   * Prometheus and Grafana (seed 001), Prometheus picking up every ServiceMonitor (not only the
   * chart's own), and a ServiceMonitor for the GPU Operator's DCGM exporter once the chart has
   * installed the CRD.
   */
  private static void prometheusStack(Entity e, List<Pending> out) {
    out.add(chart(e, "kube-prometheus-stack", "https://prometheus-community.github.io/helm-charts", prometheusValues(e), List.of()));
    if (!(e.get("dcgm_exporter") instanceof Value.Bool b && b.value())) return;
    String ns = Values.text(e.get("dcgm_namespace"));
    var spec = map("selector", map("matchLabels", map("app", "nvidia-dcgm-exporter")),
        "namespaceSelector", map("matchNames", List.of(ns)),
        "endpoints", List.of(map("port", "gpu-metrics", "interval", "15s", "path", "/metrics")));
    out.add(new Pending(cluster(e), Map.of("apiVersion", "monitoring.coreos.com/v1", "kind", "ServiceMonitor",
        "metadata", map("name", "nvidia-dcgm-exporter", "namespace", ns), "spec", spec), "object", Map.of(), 60, e, List.of(chartAddr(e))));
  }

  private static Map<String, Object> prometheusValues(Entity e) {
    var spec = map("serviceMonitorSelectorNilUsesHelmValues", false, "podMonitorSelectorNilUsesHelmValues", false,
        "retention", Values.text(e.get("retention")));
    return map("prometheus", map("prometheusSpec", spec), "grafana", map("enabled", e.get("grafana") instanceof Value.Bool g && g.value()));
  }

  /** The chart, then its address pool and an L2 advertisement of it (seed 002), once the chart's CRDs exist. */
  private static void metallb(Entity e, List<Pending> out) {
    out.add(chart(e, "metallb", "https://metallb.github.io/metallb", new TreeMap<>(), List.of()));
    String ns = Values.text(e.get("namespace"));
    String pool = Values.text(e.get("pool"));
    var addresses = new ArrayList<Object>();
    if (e.get("addresses") instanceof Value.ListV l) l.items().forEach(v -> addresses.add(Values.text(v)));
    out.add(new Pending(cluster(e), Map.of("apiVersion", "metallb.io/v1beta1", "kind", "IPAddressPool",
        "metadata", map("name", pool, "namespace", ns), "spec", map("addresses", addresses)), "object", Map.of(), 60, e, List.of(chartAddr(e))));
    out.add(new Pending(cluster(e), Map.of("apiVersion", "metallb.io/v1beta1", "kind", "L2Advertisement",
        "metadata", map("name", pool, "namespace", ns), "spec", map("ipAddressPools", List.of(pool))), "object", Map.of(), 60, e, List.of(chartAddr(e))));
  }

  /** Longhorn as the cluster's block tier (seed 001): replicas, where replicas live, the default StorageClass. */
  private static Map<String, Object> longhornValues(Entity e) {
    long replicas = ((Value.Int) e.get("replicas")).value();
    return map("defaultSettings", map("defaultReplicaCount", replicas, "defaultDataPath", Values.text(e.get("data_path"))),
        "persistence", map("defaultClass", e.get("default_class") instanceof Value.Bool b && b.value(), "defaultClassReplicaCount", replicas));
  }

  private static ResourceAddr chartAddr(Entity e) {
    return Scope.cluster(cluster(e)).resource("chart", e.name());
  }

  private static Pending chart(Entity e, String chart, String repo, Map<String, Object> derived, List<ResourceAddr> after) {
    var spec = new TreeMap<String, Object>();
    spec.put("chart", chart);
    spec.put("repo", repo);
    spec.put("version", Values.text(e.get("version")));
    spec.put("targetNamespace", Values.text(e.get("namespace")));
    spec.put("createNamespace", true);
    var values = merged(e, derived);
    if (!values.isEmpty()) spec.put("valuesContent", KubeManifests.write(values));
    return new Pending(cluster(e), KubeResources.helmChartObject(e.name(), spec), "chart", Map.of(), KubeResources.seconds(e.get("timeout")), e, after);
  }

  private static Map<String, Object> merged(Entity e, Map<String, Object> derived) {
    var out = new TreeMap<String, Object>(derived);
    if (e.get("values") instanceof Value.Obj o) merge(out, KubeResources.plain(o));
    return KubeManifests.sorted(out);
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> over) {
    over.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?> base) {
        var copy = new TreeMap<String, Object>((Map<String, Object>) base);
        merge(copy, (Map<String, Object>) m);
        into.put(k, copy);
      } else {
        into.put(k, v);
      }
    });
  }

  private static String cluster(Entity e) {
    return e.get("cluster") instanceof Value.Ref r ? r.name() : "";
  }

  private static String distribution(Program program, Entity e) {
    Entity c = program.entity("cluster", cluster(e));
    return c == null ? "rke2" : Values.text(c.get("distribution"));
  }

  /** A sorted map from alternating keys and values. */
  private static Map<String, Object> map(Object... kv) {
    var m = new LinkedHashMap<String, Object>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return new TreeMap<>(m);
  }
}
