package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.labc.addr.ResourceAddr;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K3s/RKE2 beyond the first server, std/rke's cluster.yml and std/charts' presets: expansion, values, checks, secrets. */
class KubeModulesTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static final String NODES = """
      network lan {
        cidr = 10.0.1.0/24
      }
      node s1 {
        address = 10.0.1.11
      }
      node s2 {
        address = 10.0.1.12
      }
      node s3 {
        address = 10.0.1.13
      }
      node a1 {
        address = 10.0.1.21
        labels  = { fqdn = "a1.lab.example.org" }
      }
      node a2 {
        address = 10.0.1.22
        labels  = { fqdn = "a2.lab.example.org" }
      }
      """;

  static Checked check(String lab) {
    return Pipeline.check(new SourceFile("t.lab", lab + NODES), new Evaluator.Options(Map.of(), List.of(), name -> null));
  }

  static ResourceGraph graph(String lab) {
    var checked = check(lab);
    // No environment here: secrets stay unset (check's E0311 warning); the graph holds their places.
    assertEquals(List.of(), checked.diagnostics().stream().filter(d -> d.code() != Code.SECRET_UNSET).toList());
    return ResourceGraphBuilder.build(checked.evaluation().program());
  }

  static Resource get(ResourceGraph g, String addr) {
    return StdlibKindsTest.get(g, addr);
  }

  static String text(ResourceGraph g, String addr, String attr) {
    return Values.text(get(g, addr).attributes().get(attr));
  }

  static List<Diagnostic> diagnostics(String lab, Code code) {
    return check(lab).diagnostics().stream().filter(d -> d.code() == code).toList();
  }

  static JsonNode valuesOf(ResourceGraph g, String chart) throws Exception {
    JsonNode manifest = YAML.readTree(text(g, chart, "manifest"));
    return YAML.readTree(manifest.at("/spec/valuesContent").asText());
  }

  static String cluster(String dist, String servers, String agents) {
    return """
        param join_token: secret string = env("LABC_TEST_UNSET_TOKEN")
        cluster c {
          distribution = "%s"
          servers      = [%s]
          agents       = [%s]
          pod_cidr     = 10.244.0.0/16
          token        = join_token
        }
        """.formatted(dist, servers, agents);
  }

  @Test
  void furtherServersAndAgentsJoinTheFirstServerWithTheSecretToken() throws Exception {
    var g = graph(cluster("rke2", "s1, s2, s3", "a1, a2"));
    ResourceAddr first = ResourceAddr.parse("node.s1.command[\"rke2-install\"]");
    assertFalse(text(g, "node.s1.file[\"/etc/rancher/rke2/config.yaml\"]", "content").contains("server:"), "the first server initialises");
    JsonNode s2 = YAML.readTree(text(g, "node.s2.file[\"/etc/rancher/rke2/config.yaml\"]", "content"));
    assertEquals("https://10.0.1.11:9345", s2.get("server").asText());
    assertEquals("10.0.1.12", s2.get("node-ip").asText());
    assertEquals("10.244.0.0/16", s2.get("cluster-cidr").asText(), "servers agree on the ranges");
    JsonNode a1 = YAML.readTree(text(g, "node.a1.file[\"/etc/rancher/rke2/config.yaml\"]", "content"));
    assertEquals("https://10.0.1.11:9345", a1.get("server").asText());
    assertFalse(a1.has("cluster-cidr"), "agents take the ranges from the servers");
    // The token is a secret file on every member, never a plain string.
    for (String n : List.of("s1", "s2", "a2")) {
      Value token = get(g, "node." + n + ".file[\"/etc/rancher/rke2/config.yaml.d/labc-token.yaml\"]").attributes().get("content");
      assertInstanceOf(Value.Secret.class, token);
      assertEquals("0600", text(g, "node." + n + ".file[\"/etc/rancher/rke2/config.yaml.d/labc-token.yaml\"]", "mode"));
    }
    Resource s2Install = get(g, "node.s2.command[\"rke2-install\"]");
    assertTrue(s2Install.dependsOn().contains(first), "joiners wait for the first server");
    assertTrue(Values.text(s2Install.attributes().get("command")).endsWith("systemctl enable --now rke2-server.service"));
    Resource agent = get(g, "node.a1.command[\"rke2-agent-install\"]");
    assertTrue(agent.dependsOn().contains(first));
    assertTrue(agent.dependsOn().contains(ResourceAddr.parse("node.a1.file[\"/etc/rancher/rke2/config.yaml.d/labc-token.yaml\"]")));
    assertTrue(Values.text(agent.attributes().get("command")).contains("INSTALL_RKE2_TYPE=agent sh - && systemctl enable --now rke2-agent.service"));

    var k3s = graph(cluster("k3s", "s1, s2, s3", "a1"));
    JsonNode k2 = YAML.readTree(text(k3s, "node.s2.file[\"/etc/rancher/k3s/config.yaml\"]", "content"));
    assertEquals("https://10.0.1.11:6443", k2.get("server").asText());
    assertFalse(k2.has("cluster-init"), "only the first server initialises etcd");
    assertTrue(YAML.readTree(text(k3s, "node.s1.file[\"/etc/rancher/k3s/config.yaml\"]", "content")).get("cluster-init").asBoolean());
    assertTrue(text(k3s, "node.a1.command[\"k3s-agent-install\"]", "command").endsWith("sh -s - agent"));
  }

  @Test
  void aJoinedClusterNeedsATokenAndAnOddServerCount() {
    String noToken = """
        cluster c {
          distribution = "rke2"
          servers      = [s1]
          agents       = [a1]
        }
        """;
    var e = diagnostics(noToken, Code.KUBERNETES);
    assertEquals(1, e.size(), e::toString);
    assertTrue(e.get(0).isError() && e.get(0).message().contains("no `token`"), e::toString);
    assertEquals(List.of(), diagnostics(noToken.replace("agents       = [a1]", ""), Code.KUBERNETES), "one node needs no token");
    var even = diagnostics(cluster("rke2", "s1, s2, s3, a1", ""), Code.ETCD_QUORUM);
    assertEquals(1, even.size(), even::toString);
    assertFalse(even.get(0).isError(), "four servers: a warning");
  }

  @Test
  void rkeClusterYmlHoldsTheSeedsLayoutAsValidYaml() throws Exception {
    var g = graph("""
        import "std/rke"
        rke_cluster workstations {
          on             = s1
          controlplane   = [a1, a2]
          etcd           = [a1, a2, s1]
          worker         = [a1, a2, s1]
          user           = "admin"
          address_from   = "fqdn"
          network_plugin = "calico"
          service_cidr   = 10.96.0.0/12
        }
        """);
    Resource f = get(g, "node.s1.file[\"/root/rke/cluster.yml\"]");
    assertEquals("0600", Values.text(f.attributes().get("mode")));
    JsonNode y = YAML.readTree(Values.text(f.attributes().get("content")));
    assertEquals(3, y.get("nodes").size());
    JsonNode n1 = y.get("nodes").get(0);
    assertEquals("a1.lab.example.org", n1.get("address").asText());
    assertEquals("10.0.1.21", n1.get("internal_address").asText());
    assertEquals("admin", n1.get("user").asText());
    assertEquals(List.of("controlplane", "etcd", "worker"), YAML.convertValue(n1.get("role"), List.class));
    assertEquals("/var/run/docker.sock", n1.get("docker_socket").asText());
    assertEquals("~/.ssh/id_rsa", n1.get("ssh_key_path").asText());
    JsonNode n3 = y.get("nodes").get(2);
    assertEquals("10.0.1.11", n3.get("address").asText(), "a node without an fqdn label keeps its address");
    assertEquals(List.of("etcd", "worker"), YAML.convertValue(n3.get("role"), List.class));
    assertTrue(y.get("ignore_docker_version").asBoolean());
    assertEquals("calico", y.at("/network/plugin").asText());
    assertEquals("10.96.0.0/12", y.at("/services/kube-api/service_cluster_ip_range").asText());
    assertEquals("10.96.0.10", y.at("/services/kubelet/cluster_dns_server").asText());
    assertEquals("10.42.0.0/16", y.at("/services/kube-controller/cluster_cidr").asText());
    assertTrue(y.at("/services/etcd/snapshot").asBoolean());

    var two = diagnostics("""
        import "std/rke"
        rke_cluster w {
          on           = s1
          controlplane = [s1]
          etcd         = [s1, s2]
          user         = "admin"
        }
        """, Code.ETCD_QUORUM);
    assertTrue(two.size() == 1 && two.get(0).isError(), two::toString);
  }

  static final String CHARTS = """
      import "std/charts"
      param rancher_password: secret string = env("LABC_TEST_UNSET_RANCHER")
      cluster c {
        distribution = "%s"
        servers      = [s1]
      }
      cert_manager cert-manager {
        cluster = c
      }
      rancher rancher {
        cluster            = c
        hostname           = "rancher.lab.example.org"
        bootstrap_password = rancher_password
        tls_source         = "letsEncrypt"
        acme_email         = "admin@example.org"
        ingress_class      = "traefik"
      }
      """;

  @Test
  void certManagerAndRancherKeepThePasswordOutOfTheValues() throws Exception {
    var g = graph(CHARTS.formatted("k3s"));
    JsonNode cm = YAML.readTree(text(g, "cluster.c.chart[\"cert-manager\"]", "manifest"));
    assertEquals("https://charts.jetstack.io", cm.at("/spec/repo").asText());
    assertEquals("v1.17.2", cm.at("/spec/version").asText());
    assertEquals("cert-manager", cm.at("/spec/targetNamespace").asText());
    assertTrue(valuesOf(g, "cluster.c.chart[\"cert-manager\"]").at("/crds/enabled").asBoolean());

    JsonNode rv = valuesOf(g, "cluster.c.chart[\"rancher\"]");
    assertEquals("rancher.lab.example.org", rv.get("hostname").asText());
    assertEquals(1, rv.get("replicas").asInt());
    assertEquals("letsEncrypt", rv.at("/ingress/tls/source").asText());
    assertEquals("admin@example.org", rv.at("/letsEncrypt/email").asText());
    assertEquals("traefik", rv.at("/letsEncrypt/ingress/class").asText());
    assertFalse(rv.has("bootstrapPassword"), "the password is not a chart value");
    Resource secret = get(g, "cluster.c.secret[\"bootstrap-secret\"]");
    assertEquals("cattle-system", text(g, "cluster.c.secret[\"bootstrap-secret\"]", "namespace"));
    assertInstanceOf(Value.Secret.class, ((Value.Obj) secret.attributes().get("data")).fields().get("bootstrapPassword"));
    Resource rancher = get(g, "cluster.c.chart[\"rancher\"]");
    for (String dep : List.of("cluster.c.chart[\"cert-manager\"]", "cluster.c.secret[\"bootstrap-secret\"]", "cluster.c.namespace[\"cattle-system\"]", "node.s1.command[\"k3s-install\"]")) {
      assertTrue(rancher.dependsOn().contains(ResourceAddr.parse(dep)), () -> "rancher after " + dep + ": " + rancher.dependsOn());
    }
  }

  @Test
  void thePasswordIsAbsentFromPlanTextAndJson(@TempDir Path dir) throws Exception {
    String canary = "CANARY-" + Long.toHexString(System.nanoTime());
    Files.writeString(dir.resolve("vars.lab"), "rancher_password = \"" + canary + "\"\n");
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, CHARTS.formatted("k3s") + NODES);
    for (String format : List.of("text", "json", "markdown")) {
      var r = CliRun.run("plan", "--refresh=false", "--format", format, "--var-file", dir.resolve("vars.lab").toString(), lab.toString());
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("bootstrap-secret"), "the Secret is planned");
      assertFalse((r.out() + r.err()).contains(canary), "the password leaked into the " + format + " plan");
      String b64 = java.util.Base64.getEncoder().encodeToString(canary.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertFalse((r.out() + r.err()).contains(b64), "its base64 leaked into the " + format + " plan");
    }
  }

  static String operator(String dist, String body) {
    return """
        import "std/charts"
        cluster c {
          distribution = "%s"
          servers      = [s1]
        }
        gpu_operator gpu-operator {
          cluster = c
          %s
        }
        """.formatted(dist, body);
  }

  @Test
  void gpuOperatorPointsItsToolkitAtTheDistributionsContainerd() throws Exception {
    for (String dist : List.of("k3s", "rke2")) {
      JsonNode v = valuesOf(graph(operator(dist, "driver_version = \"550.90.07\"")), "cluster.c.chart[\"gpu-operator\"]");
      assertTrue(v.at("/driver/enabled").asBoolean());
      assertEquals("550.90.07", v.at("/driver/version").asText());
      assertTrue(v.at("/toolkit/enabled").asBoolean());
      assertEquals("CONTAINERD_CONFIG", v.at("/toolkit/env/0/name").asText());
      assertEquals("/var/lib/rancher/" + dist + "/agent/etc/containerd/config.toml", v.at("/toolkit/env/0/value").asText());
      assertEquals("/run/k3s/containerd/containerd.sock", v.at("/toolkit/env/1/value").asText());
    }
    // Seed 000: driver and toolkit on the hosts.
    JsonNode seed0 = valuesOf(graph(operator("rke2", "driver = false\n  toolkit = false\n  default_runtime = \"nvidia\"")), "cluster.c.chart[\"gpu-operator\"]");
    assertFalse(seed0.at("/driver/enabled").asBoolean(true));
    assertFalse(seed0.at("/toolkit/enabled").asBoolean(true));
    assertFalse(seed0.at("/toolkit").has("env"));
    assertEquals("nvidia", seed0.at("/operator/defaultRuntime").asText());
    // `values` is merged over the derived ones.
    JsonNode merged = valuesOf(graph(operator("k3s", "values = { driver = { rdma = { enabled = true } }, mig = { strategy = \"single\" } }")), "cluster.c.chart[\"gpu-operator\"]");
    assertTrue(merged.at("/driver/enabled").asBoolean() && merged.at("/driver/rdma/enabled").asBoolean());
    assertEquals("single", merged.at("/mig/strategy").asText());
  }

  @Test
  void gpuOperatorIsTheDriverOwnerForE0407() {
    String gpuNode = """
        node g1 {
          address = 10.0.1.31
          gpu {
            model  = H100
            count  = 8
            driver = "host"
          }
        }
        """;
    String lab = operator("rke2", "").replace("servers      = [s1]", "servers      = [s1]\n  agents       = [g1]\n  token        = t") + gpuNode
        + "param t: secret string = env(\"LABC_TEST_UNSET_TOKEN\")\n";
    var both = diagnostics(lab, Code.DRIVER_OWNER);
    assertTrue(both.size() == 1 && both.get(0).isError() && both.get(0).message().contains("GPU Operator"), both::toString);
    assertEquals(List.of(), diagnostics(lab.replace("gpu_operator gpu-operator {\n  cluster = c\n", "gpu_operator gpu-operator {\n  cluster = c\n  driver = false\n"), Code.DRIVER_OWNER));
  }

  static final String METALLB = """
      import "std/charts"
      cluster c {
        distribution = "rke2"
        servers      = [s1]
      }
      metallb metallb {
        cluster   = c
        addresses = ["%s"]
      }
      """;

  @Test
  void metallbPoolIsAnAddressPoolOnTheLanAfterTheChart() throws Exception {
    var g = graph(METALLB.formatted("10.0.1.200-10.0.1.220"));
    Resource pool = get(g, "cluster.c.object[\"IPAddressPool/metallb-system/lan\"]");
    JsonNode y = YAML.readTree(Values.text(pool.attributes().get("manifest")));
    assertEquals("10.0.1.200-10.0.1.220", y.at("/spec/addresses/0").asText());
    assertTrue(pool.dependsOn().contains(ResourceAddr.parse("cluster.c.chart[\"metallb\"]")), "its CRDs come with the chart");
    JsonNode l2 = YAML.readTree(text(g, "cluster.c.object[\"L2Advertisement/metallb-system/lan\"]", "manifest"));
    assertEquals("lan", l2.at("/spec/ipAddressPools/0").asText());

    var pods = diagnostics(METALLB.formatted("10.42.0.0/24"), Code.NETWORK_OVERLAP);
    assertTrue(pods.stream().anyMatch(d -> d.isError() && d.message().contains("MetalLB") && d.message().contains("pods")), pods::toString);
    var outside = diagnostics(METALLB.formatted("192.168.77.10-192.168.77.20"), Code.NETWORK_OVERLAP);
    assertTrue(outside.size() == 1 && !outside.get(0).isError() && outside.get(0).message().contains("outside every declared LAN"), outside::toString);
    var backwards = diagnostics(METALLB.formatted("10.0.1.220-10.0.1.200"), Code.NETWORK_OVERLAP);
    assertTrue(backwards.size() == 1 && backwards.get(0).isError(), backwards::toString);
  }

  @Test
  void prometheusStackScrapesTheDcgmExporterAndLonghornIsTheBlockTier() throws Exception {
    var g = graph("""
        import "std/charts"
        cluster c {
          distribution = "rke2"
          servers      = [s1]
        }
        prometheus_stack monitoring {
          cluster = c
        }
        storage volumes {
          tier = block
          kind = "longhorn"
        }
        longhorn longhorn {
          cluster  = c
          storage  = volumes
          replicas = 2
        }
        """);
    JsonNode pv = valuesOf(g, "cluster.c.chart[\"monitoring\"]");
    assertFalse(pv.at("/prometheus/prometheusSpec/serviceMonitorSelectorNilUsesHelmValues").asBoolean(true));
    assertEquals("15d", pv.at("/prometheus/prometheusSpec/retention").asText());
    Resource sm = get(g, "cluster.c.object[\"ServiceMonitor/gpu-operator/nvidia-dcgm-exporter\"]");
    JsonNode smy = YAML.readTree(Values.text(sm.attributes().get("manifest")));
    assertEquals("nvidia-dcgm-exporter", smy.at("/spec/selector/matchLabels/app").asText());
    assertEquals("gpu-metrics", smy.at("/spec/endpoints/0/port").asText());
    assertTrue(sm.dependsOn().contains(ResourceAddr.parse("cluster.c.chart[\"monitoring\"]")));
    JsonNode lv = valuesOf(g, "cluster.c.chart[\"longhorn\"]");
    assertEquals(2, lv.at("/defaultSettings/defaultReplicaCount").asInt());
    assertEquals(2, lv.at("/persistence/defaultClassReplicaCount").asInt());
    assertTrue(lv.at("/persistence/defaultClass").asBoolean());
    assertEquals("/var/lib/longhorn", lv.at("/defaultSettings/defaultDataPath").asText());
    assertEquals("present", text(g, "node.s1.package[\"open-iscsi\"]", "state"), "Longhorn attaches volumes over iSCSI");
    assertTrue(get(g, "node.s1.service[\"iscsid\"]").dependsOn().contains(ResourceAddr.parse("node.s1.package[\"open-iscsi\"]")));
    assertEquals("present", text(g, "node.s1.package[\"nfs-common\"]", "state"));
    assertFalse(g.resources().containsKey(ResourceAddr.parse("node.s2.package[\"open-iscsi\"]")), "only the cluster's members");

    var wrongTier = diagnostics("""
        import "std/charts"
        cluster c {
          distribution = "rke2"
          servers      = [s1]
        }
        storage home {
          tier   = hot
          kind   = "nfs"
        }
        longhorn longhorn {
          cluster = c
          storage = home
        }
        """, Code.KUBERNETES);
    assertTrue(wrongTier.size() == 1 && wrongTier.get(0).isError(), wrongTier::toString);
  }

  @Test
  void presetVersionsAndValuesAreChecked() {
    assertTrue(check(operator("rke2", "version = \"25.3\"")).diagnostics().stream().anyMatch(d -> d.isError() && d.code() == Code.PATTERN_MISMATCH),
        "a version without the chart's v prefix is refused");
    var secretValues = diagnostics(operator("rke2", "values = { ngc = { key = k } }") + "param k: secret string = env(\"LABC_TEST_UNSET_K\")\n", Code.KUBERNETES);
    assertTrue(secretValues.size() == 1 && secretValues.get(0).isError(), secretValues::toString);
    var clash = diagnostics(operator("rke2", "") + """
        chart gpu-operator {
          cluster = c
          chart   = "gpu-operator"
        }
        """, Code.KUBERNETES);
    assertTrue(clash.size() == 1 && clash.get(0).message().contains("makes the HelmChart `gpu-operator`"), clash::toString);
  }
}
