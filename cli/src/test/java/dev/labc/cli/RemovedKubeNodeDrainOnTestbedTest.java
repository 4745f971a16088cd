package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A K3s agent taken out of a cluster labc installs, on two testbed hosts with the cluster's API the
 * fabric8 mock (evictions checked against a PodDisruptionBudget): the plan shows its cordon and
 * drain before its removal; apply cordons it and evicts its pod once the budget allows, and only
 * then removes its files (its config.yaml still there while the eviction was held); it is never
 * uncordoned.
 */
@Testbed(hosts = 2)
class RemovedKubeNodeDrainOnTestbedTest {
  @TempDir Path dir;

  static final String CONFIG = "/etc/rancher/k3s/config.yaml";
  static final Map<String, String> TOKEN = Map.of("LABC_TEST_JOIN_TOKEN", "k3s-test-join-token");

  @Test
  void aRemovedAgentIsCordonedAndDrainedBeforeItsStepsAreDestroyed(TestbedHosts hosts) throws Exception {
    KubeDrainOnTestbedTest.MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    var dispatcher = new EvictionDispatcher();
    var server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
    var controller = Executors.newSingleThreadScheduledExecutor();
    try (KubernetesClient client = server.createClient()) {
      for (String n : new String[] {"n-1", "n-2", "n-3"}) client.nodes().resource(new NodeBuilder().withNewMetadata().withName(n).endMetadata().build()).create();
      pod(client, "web-1", "n-2");
      pod(client, "web-2", "n-1");
      client.policy().v1().podDisruptionBudget().inNamespace("default").resource(new PodDisruptionBudgetBuilder()
          .withNewMetadata().withName("web").endMetadata()
          .withNewSpec().withNewMinAvailable(2).withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build()).create();
      // labc installs this cluster (n-1 its server): its API is found through K3s's own kubeconfig
      // on n-1, here the mock's, so the installer's `creates` is there and it never runs.
      KubernetesApplyTest.writeMockKubeconfig(dir.resolve("kubeconfig.yaml"), server.getPort());
      for (int i = 1; i <= 2; i++) assertTrue(hosts.ssh(i, "rm -rf /etc/rancher").ok());
      assertTrue(hosts.ssh(1, "mkdir -p /etc/rancher/k3s && printf '%s' " + dev.labc.shell.ShellQuote.quote(Files.readString(dir.resolve("kubeconfig.yaml")))
          + " > /etc/rancher/k3s/k3s.yaml").ok());
      Path lab = dir.resolve("cluster.lab");
      writeLab(hosts, lab, true);
      // The testbed has no modprobe for K3s's modules: the kernel steps, and the install after them, wait.
      CliRun first = CliRun.runWithEnv(TOKEN, GpuSettingsOnTestbedTest.ssh(hosts, "apply", "--auto-approve", "--skip-needs", "kernel", lab.toString()));
      assertEquals(0, first.exitCode(), first.out() + first.err());
      assertTrue(hosts.ssh(2, "test -f " + CONFIG).ok(), first.out());

      writeLab(hosts, lab, false);
      CliRun plan = CliRun.runWithEnv(TOKEN, GpuSettingsOnTestbedTest.ssh(hosts, "plan", lab.toString()));
      assertEquals(0, plan.exitCode(), plan.out() + plan.err());
      assertTrue(plan.out().contains("Drains: n-2 cordoned and drained in Kubernetes before its removal (pods evicted as their PodDisruptionBudgets allow;"
          + " DaemonSet pods stay); no step of this apply runs until it is drained, and it is not uncordoned.\n"), plan.out());

      // web-1's replacement comes up on n-3 only after the budget refused its eviction once; n-2's
      // config.yaml is looked at then, while the drain waits.
      var whileHeld = new AtomicReference<Boolean>();
      controller.scheduleWithFixedDelay(() -> {
        if (!dispatcher.refused.isEmpty() && whileHeld.get() == null) {
          whileHeld.set(hosts.ssh(2, "test -f " + CONFIG).ok());
          pod(client, "web-3", "n-3");
        }
      }, 100, 100, TimeUnit.MILLISECONDS);
      CliRun apply = CliRun.runWithEnv(TOKEN, GpuSettingsOnTestbedTest.ssh(hosts, "apply", "--auto-approve", "--skip-needs", "kernel", lab.toString()));
      assertEquals(0, apply.exitCode(), apply.out() + apply.err());
      assertTrue(dispatcher.refused.contains("default/web-1"), "the budget held web-1: " + dispatcher.refused);
      assertEquals(Boolean.TRUE, whileHeld.get(), "n-2's files were removed while its pod was still there");
      assertNull(client.pods().inNamespace("default").withName("web-1").get(), "web-1 was not evicted");
      assertFalse(hosts.ssh(2, "test -e " + CONFIG).ok(), "n-2's config.yaml was not removed: " + apply.out());
      assertEquals(Boolean.TRUE, client.nodes().withName("n-2").get().getSpec().getUnschedulable(), "n-2 was uncordoned");
      // Its 6 removals and the cordon-and-drain.
      assertTrue(java.util.regex.Pattern.compile("(?m)^n-2\\s+7 done, 0 failed, 0 skipped$").matcher(apply.out()).find(), apply.out());
    } finally {
      controller.shutdownNow();
      server.destroy();
    }
  }

  private void writeLab(TestbedHosts hosts, Path lab, boolean withN2) throws Exception {
    var sb = new StringBuilder("param join_token: secret string = env(\"LABC_TEST_JOIN_TOKEN\")\n");
    sb.append("node n-1 {\n  address = ").append(hosts.host(1).address()).append("\n}\n");
    if (withN2) sb.append("node n-2 {\n  address = ").append(hosts.host(2).address()).append("\n}\n");
    sb.append("cluster k3s {\n  distribution = \"k3s\"\n  servers = [node.n-1]\n  agents = [").append(withN2 ? "node.n-2" : "").append("]\n  token = join_token\n}\n");
    Files.writeString(lab, sb.toString());
  }

  private static void pod(KubernetesClient client, String name, String node) {
    client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
        .withLabels(Map.of("app", "web")).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build()).create();
  }
}
