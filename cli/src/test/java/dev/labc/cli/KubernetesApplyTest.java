package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.ApplyTolerantCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `labc apply` of Kubernetes objects, end to end through the CLI, against fabric8's CRUD mock API
 * server (with the documented server-side-apply test adapter). The mock runs no controllers, so
 * a background thread plays K3s's: it marks CRDs established and runs each HelmChart's
 * helm-install job to completion (or to failure for a chart named "broken").
 */
class KubernetesApplyTest {
  /** Held, so the level set on it is not lost when the logger is collected. */
  static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
  @TempDir Path dir;
  KubernetesMockServer server;
  ApplyTolerantCrudDispatcher dispatcher;
  KubernetesClient client;
  ScheduledExecutorService controllers;

  @BeforeEach
  void start() throws Exception {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    System.setProperty("labc.kube.poll.ms", "50");
    dispatcher = new ApplyTolerantCrudDispatcher();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    // K3s ships the HelmChart CRD; create it as the distribution would.
    client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("helmcharts.helm.cattle.io").endMetadata()
        .withNewSpec().withGroup("helm.cattle.io").withScope("Namespaced")
        .withNewNames().withKind("HelmChart").withPlural("helmcharts").withSingular("helmchart").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion().endSpec().build()).create();
    writeMockKubeconfig(dir.resolve("kubeconfig.yaml"), server.getPort());
    controllers = Executors.newSingleThreadScheduledExecutor();
    controllers.scheduleWithFixedDelay(this::playControllers, 20, 20, TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    controllers.shutdownNow();
    controllers.awaitTermination(5, TimeUnit.SECONDS);
    client.close();
    server.destroy();
    System.clearProperty("labc.kube.poll.ms");
  }

  /** What K3s's helm controller and the API server's CRD controller would do. */
  void playControllers() {
    try {
      for (GenericKubernetesResource hc : client.genericKubernetesResources("helm.cattle.io/v1", "HelmChart").inAnyNamespace().list().getItems()) {
        String ns = hc.getMetadata().getNamespace(), job = "helm-install-" + hc.getMetadata().getName();
        if (client.batch().v1().jobs().inNamespace(ns).withName(job).get() != null) continue;
        boolean broken = hc.getMetadata().getName().equals("broken");
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder().withNewMetadata().withName(job).withNamespace(ns).endMetadata()
            .withNewStatus().withConditions(new JobConditionBuilder().withType(broken ? "Failed" : "Complete").withStatus("True")
                .withReason(broken ? "BackoffLimitExceeded" : null).withMessage(broken ? "Job has reached the specified backoff limit" : null).build())
            .endStatus().build()).create();
      }
      for (var crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
        if (crd.getStatus() != null && crd.getStatus().getConditions() != null && !crd.getStatus().getConditions().isEmpty()) continue;
        crd.setStatus(new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder()
            .addNewCondition().withType("Established").withStatus("True").endCondition().build());
        client.apiextensions().v1().customResourceDefinitions().resource(crd).update();
      }
    } catch (RuntimeException e) {
      // The next round tries again; a test that needs the controller fails on its own timeout.
    }
  }

  static final String CLUSTER = """
      cluster k3s {
        distribution = "k3s"
        servers      = []
        kubeconfig   = "kubeconfig.yaml"
      }
      """;

  static final String GPU_OPERATOR = """
      namespace gpu-operator {
        cluster = k3s
      }
      chart gpu-operator {
        cluster   = k3s
        chart     = "gpu-operator"
        repo      = "https://helm.ngc.nvidia.com/nvidia"
        version   = "v25.3.0"
        namespace = "gpu-operator"
        values    = { driver = { enabled = false }, toolkit = { enabled = false } }
        timeout   = 20s
      }
      """;

  Path lab(String text) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, CLUSTER + text);
    return lab;
  }

  GenericKubernetesResource helmChart(String name) {
    return client.genericKubernetesResources("helm.cattle.io/v1", "HelmChart").inNamespace("kube-system").withName(name).get();
  }

  @Test
  void chartAndNamespaceIntoAnEmptyClusterThenNoOpDriftAndPruning() throws Exception {
    Path lab = lab(GPU_OPERATOR);
    var first = CliRun.run("apply", lab.toString(), "--auto-approve");
    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertNotNull(client.namespaces().withName("gpu-operator").get());
    GenericKubernetesResource hc = helmChart("gpu-operator");
    assertNotNull(hc, "HelmChart applied");
    Map<String, Object> spec = hc.get("spec");
    assertEquals("gpu-operator", spec.get("targetNamespace"));
    assertEquals("v25.3.0", spec.get("version"));
    assertTrue(String.valueOf(spec.get("valuesContent")).contains("driver:\n  enabled: false"), String.valueOf(spec.get("valuesContent")));
    // The namespace went before the chart that installs into it.
    int nsAt = indexOf("PATCH /api/v1/namespaces/gpu-operator"), hcAt = indexOf("PATCH /apis/helm.cattle.io/v1/namespaces/kube-system/helmcharts/gpu-operator");
    assertTrue(nsAt >= 0 && hcAt > nsAt, dispatcher.requests.toString());
    var state = CliRun.run("state", "list", lab.toString());
    assertTrue(state.out().contains("cluster.k3s.chart[\"gpu-operator\"]") && state.out().contains("cluster.k3s.namespace[\"gpu-operator\"]"), state.out());

    // No-op: the refresh reads the objects, finds them as declared, and nothing is patched.
    long patches = dispatcher.count("PATCH"), gets = dispatcher.count("GET");
    var again = CliRun.run("apply", lab.toString(), "--auto-approve");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("Nothing to apply"), again.out());
    assertEquals(patches, dispatcher.count("PATCH"), "a no-op re-apply sends no PATCH");
    assertTrue(dispatcher.count("GET") > gets, "the refresh read the live objects");

    // Drift: a managed field changed by hand shows in the plan and is put back by apply.
    hc = helmChart("gpu-operator");
    ((Map<String, Object>) hc.get("spec")).put("version", "v1.0.0-hand-edit");
    client.resource(hc).update();
    var plan = CliRun.run("plan", lab.toString());
    assertTrue(plan.out().contains("cluster.k3s.chart[\"gpu-operator\"]") && plan.out().toLowerCase().contains("drift"), plan.out() + plan.err());
    var fix = CliRun.run("apply", lab.toString(), "--auto-approve");
    assertEquals(0, fix.exitCode(), fix.out() + fix.err());
    assertEquals("v25.3.0", ((Map<String, Object>) helmChart("gpu-operator").get("spec")).get("version"));

    // Pruning: objects labc applied and no longer declares are planned for removal and deleted.
    lab("");
    var prunePlan = CliRun.run("plan", lab.toString());
    assertTrue(prunePlan.out().contains("- cluster.k3s.chart[\"gpu-operator\"]") || prunePlan.out().contains("destroy"), prunePlan.out());
    var prune = CliRun.run("apply", lab.toString(), "--auto-approve");
    assertEquals(0, prune.exitCode(), prune.out() + prune.err());
    assertNull(helmChart("gpu-operator"));
    assertNull(client.namespaces().withName("gpu-operator").get());
    assertFalse(CliRun.run("state", "list", lab.toString()).out().contains("cluster.k3s"));
    int hcDel = lastIndexOf("DELETE /apis/helm.cattle.io/v1/namespaces/kube-system/helmcharts/gpu-operator"), nsDel = lastIndexOf("DELETE /api/v1/namespaces/gpu-operator");
    assertTrue(hcDel >= 0 && nsDel > hcDel, "contents are removed before their namespace: " + dispatcher.requests);
  }

  @Test
  void crdAndItsCustomResourceInOnePlan() throws Exception {
    Files.writeString(dir.resolve("quota.yaml"), """
        apiVersion: example.com/v1
        kind: GpuQuota
        metadata:
          name: team-a
          namespace: research
        spec:
          gpus: 8
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gpuquotas.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: { kind: GpuQuota, plural: gpuquotas, singular: gpuquota }
          versions:
            - name: v1
              served: true
              storage: true
              schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
        """);
    Path lab = lab("""
        namespace research {
          cluster = k3s
        }
        manifest quota {
          cluster = k3s
          file    = "quota.yaml"
          timeout = 20s
        }
        """);
    var plan = CliRun.run("plan", lab.toString());
    assertTrue(plan.out().contains("cluster.k3s.object[\"GpuQuota/research/team-a\"]"), plan.out());
    var r = CliRun.run("apply", lab.toString(), "--auto-approve");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    int crdAt = indexOf("PATCH /apis/apiextensions.k8s.io/v1/customresourcedefinitions/gpuquotas.example.com");
    int crAt = indexOf("PATCH /apis/example.com/v1/namespaces/research/gpuquotas/team-a");
    assertTrue(crdAt >= 0 && crAt > crdAt, "the CRD before the resource it defines: " + dispatcher.requests);
    var cr = client.genericKubernetesResources("example.com/v1", "GpuQuota").inNamespace("research").withName("team-a").get();
    assertEquals(8, ((Number) ((Map<String, Object>) cr.get("spec")).get("gpus")).intValue());
  }

  @Test
  void aFailedHelmInstallJobIsReportedWithItsConditionsAndRecordedAsTainted() throws Exception {
    Path lab = lab("""
        chart broken {
          cluster   = k3s
          chart     = "does-not-exist"
          namespace = "default"
          timeout   = 20s
        }
        """);
    var r = CliRun.run("apply", lab.toString(), "--auto-approve");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("cluster.k3s.chart[\"broken\"]") && r.out().contains("Failed=True (BackoffLimitExceeded)")
        && r.out().contains("backoff limit"), r.out());
    // The object was created before its install failed: state keeps it, marked tainted (not ready),
    // so the next plan applies it again and removing it from the .lab prunes it.
    var listed = CliRun.run("state", "list", lab.toString());
    assertTrue(listed.out().contains("cluster.k3s.chart[\"broken\"]  (tainted: an apply did not finish it)"), listed.out() + listed.err());
    var replan = CliRun.run("plan", "--refresh=false", lab.toString());
    assertTrue(replan.out().contains("Plan: 0 to add, 1 to change"), replan.out());
  }

  @Test
  void theRequestBudgetPacesEveryRequest() throws Exception {
    var yaml = new StringBuilder();
    for (int i = 0; i < 10; i++) yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-").append(i).append("\ndata:\n  k: v\n");
    Files.writeString(dir.resolve("cms.yaml"), yaml.toString());
    Path lab = lab("""
        manifest cms {
          cluster = k3s
          file    = "cms.yaml"
        }
        """);
    // Only labc's requests: the controller thread polls the server too.
    java.util.function.LongSupplier mine = () -> dispatcher.requests.stream().filter(q -> q.contains("/configmaps")).count();
    long before = mine.getAsLong();
    int from = dispatcher.requests.size();
    long start = System.nanoTime();
    var r = CliRun.run("apply", lab.toString(), "--auto-approve", "--kube-requests-per-second", "10");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, r.exitCode(), r.out() + r.err());
    long made = mine.getAsLong() - before;
    var requests = dispatcher.requests.subList(from, dispatcher.requests.size()).stream().filter(q -> q.contains("/configmaps")).toList();
    // The live objects are read ahead with one LIST of the namespace's ConfigMaps, not a GET each.
    assertEquals(1, requests.stream().filter(q -> q.startsWith("GET /api/v1/namespaces/default/configmaps") && !q.contains("/configmaps/")).count(), requests.toString());
    assertEquals(0, requests.stream().filter(q -> q.startsWith("GET ") && q.contains("/configmaps/cm-")).count(), requests.toString());
    assertEquals(10, requests.stream().filter(q -> q.startsWith("PATCH ") && q.contains("/configmaps/cm-")).count(), requests.toString());
    // n requests at 10/s cannot finish in under (n-1)/10 s.
    assertTrue(seconds >= (made - 1) / 10.0 * 0.95, made + " requests in " + seconds + " s");
    assertEquals(10, client.configMaps().inNamespace("default").list().getItems().size());

    // A no-op re-apply reads them all with that one LIST again and patches nothing.
    before = mine.getAsLong();
    from = dispatcher.requests.size();
    var again = CliRun.run("apply", lab.toString(), "--auto-approve", "--kube-requests-per-second", "10");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("Nothing to apply"), again.out());
    assertEquals(1, mine.getAsLong() - before, dispatcher.requests.subList(from, dispatcher.requests.size()).toString());
  }

  /** A canary secret reaches the cluster's Secret and nothing labc writes: plans, saved plan, output, state files, git objects. */
  @Test
  void aSecretReachesTheClusterAndNothingLabcWrites() throws Exception {
    String canary = "CANARY-" + Long.toHexString(System.nanoTime());
    String b64 = java.util.Base64.getEncoder().encodeToString(canary.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("vars.lab"), "db_password = \"" + canary + "\"\n");
    Path lab = lab("""
        param db_password: secret string = env("LABC_TEST_UNSET_PASSWORD")
        kube_secret db {
          cluster = k3s
          data    = { password = db_password }
        }
        """);
    String vars = dir.resolve("vars.lab").toString();
    var text = CliRun.run("plan", "--var-file", vars, lab.toString());
    var json = CliRun.run("plan", "--format", "json", "--var-file", vars, lab.toString());
    var saved = CliRun.run("plan", "--var-file", vars, "-out", dir.resolve("db.plan").toString(), lab.toString());
    var apply = CliRun.run("apply", "--var-file", vars, dir.resolve("db.plan").toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    var again = CliRun.run("plan", "--var-file", vars, lab.toString());
    var scan = new CanaryScan(canary).add("plan", text).add("plan --format json", json).add("plan -out", saved).add("apply", apply)
        .add("re-plan", again).add("saved plan", Files.readString(dir.resolve("db.plan"))).stateDirectory(dir.resolve(".labstate"));
    scan.assertAbsent();
    var secret = client.secrets().inNamespace("default").withName("db").get();
    assertEquals(b64, secret.getData().get("password"), "the cluster got the value");
  }

  /**
   * std/charts' cert_manager and rancher presets applied: the namespace, then the bootstrap Secret
   * with the password, then the charts (Rancher after cert-manager), and the password in no
   * chart's valuesContent and in nothing labc prints.
   */
  @Test
  void rancherPresetAppliesItsSecretBeforeItsChart() throws Exception {
    String canary = "CANARY-" + Long.toHexString(System.nanoTime());
    String b64 = java.util.Base64.getEncoder().encodeToString(canary.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("vars.lab"), "rancher_password = \"" + canary + "\"\n");
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, "import \"std/charts\"\n" + CLUSTER + """
        param rancher_password: secret string = env("LABC_TEST_UNSET_RANCHER")
        cert_manager cert-manager {
          cluster = k3s
          timeout = 20s
        }
        rancher rancher {
          cluster            = k3s
          hostname           = "rancher.lab.example.org"
          bootstrap_password = rancher_password
          timeout            = 20s
        }
        """);
    var apply = CliRun.run("apply", lab.toString(), "--auto-approve", "--var-file", dir.resolve("vars.lab").toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertFalse((apply.out() + apply.err()).contains(canary));
    assertEquals(b64, client.secrets().inNamespace("cattle-system").withName("bootstrap-secret").get().getData().get("bootstrapPassword"));
    var rancher = client.genericKubernetesResources("helm.cattle.io/v1", "HelmChart").inNamespace("kube-system").withName("rancher").get();
    assertNotNull(rancher);
    String values = String.valueOf(((Map<?, ?>) rancher.getAdditionalProperties().get("spec")).get("valuesContent"));
    assertTrue(values.contains("hostname: rancher.lab.example.org"), values);
    assertFalse(values.contains(canary) || values.contains("bootstrapPassword"), values);
    int nsAt = indexOf("PATCH /api/v1/namespaces/cattle-system"), secretAt = indexOf("PATCH /api/v1/namespaces/cattle-system/secrets/bootstrap-secret");
    int cmAt = indexOf("PATCH /apis/helm.cattle.io/v1/namespaces/kube-system/helmcharts/cert-manager");
    int rancherAt = indexOf("PATCH /apis/helm.cattle.io/v1/namespaces/kube-system/helmcharts/rancher");
    assertTrue(nsAt >= 0 && nsAt < secretAt && secretAt < rancherAt && cmAt < rancherAt, dispatcher.requests.toString());
    var again = CliRun.run("plan", "--var-file", dir.resolve("vars.lab").toString(), lab.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("No changes"), again.out());
  }

  private int indexOf(String prefix) {
    for (int i = 0; i < dispatcher.requests.size(); i++) if (dispatcher.requests.get(i).startsWith(prefix)) return i;
    return -1;
  }

  private int lastIndexOf(String prefix) {
    for (int i = dispatcher.requests.size() - 1; i >= 0; i--) if (dispatcher.requests.get(i).startsWith(prefix)) return i;
    return -1;
  }

  /** A kubeconfig naming the mock API server on 127.0.0.1:PORT, as a cluster's install would leave one. */
  static void writeMockKubeconfig(Path file, int port) throws java.io.IOException {
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster:
              server: http://127.0.0.1:%d
        contexts:
          - name: mock
            context:
              cluster: mock
              user: mock
        current-context: mock
        users:
          - name: mock
            user:
              token: not-a-secret
        """.formatted(port));
  }
}
