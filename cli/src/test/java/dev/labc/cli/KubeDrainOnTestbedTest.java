package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.shell.ShellQuote;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `labc apply` of a step that needs a reboot on a testbed host that is an agent of a Kubernetes
 * cluster (its API fabric8's CRUD mock, answering evictions with the PodDisruptionBudget check):
 * the node is cordoned, its pod evicted once the budget allows (after the test's "Deployment"
 * started a replacement elsewhere), the step runs, the node reboots, and it is uncordoned.
 */
@Testbed(hosts = 1)
class KubeDrainOnTestbedTest {
  static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
  @TempDir Path dir;

  @Test
  void applyCordonsEvictsWithinTheBudgetChangesRebootsAndUncordons(TestbedHosts hosts) throws Exception {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    var dispatcher = new EvictionDispatcher();
    var server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
    var controller = Executors.newSingleThreadScheduledExecutor();
    try (KubernetesClient client = server.createClient()) {
      for (String n : new String[] {"n-1", "n-2"}) client.nodes().resource(new NodeBuilder().withNewMetadata().withName(n).endMetadata().build()).create();
      pod(client, "web-1", "n-1");
      pod(client, "web-2", "n-2");
      client.policy().v1().podDisruptionBudget().inNamespace("default").resource(new PodDisruptionBudgetBuilder()
          .withNewMetadata().withName("web").endMetadata()
          .withNewSpec().withNewMinAvailable(2).withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build()).create();
      KubernetesApplyTest.writeMockKubeconfig(dir.resolve("kubeconfig.yaml"), server.getPort());
      assertTrue(hosts.ssh(1, "rm -rf /var/lib/labc-test-grub-updated /var/lib/fake-update-grub /run/labc").ok());
      RollingApplyOnTestbedTest.installUpdateGrub(hosts, 1);
      String reboot = hosts.rebootCommandLine(1).stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
      Path lab = dir.resolve("cluster.lab");
      Files.writeString(lab, """
          node n-1 {
            address = %s
            reboot_command = "%s"
          }
          cluster k3s {
            distribution = "k3s"
            servers      = []
            agents       = [node.n-1]
            kubeconfig   = "kubeconfig.yaml"
          }
          command grub {
            run = "update-grub && touch /var/lib/labc-test-grub-updated"
            creates = "/var/lib/labc-test-grub-updated"
          }
          """.formatted(hosts.host(1).address(), reboot.replace("\\", "\\\\").replace("\"", "\\\"")));

      CliRun plan = CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "plan", lab.toString()));
      assertEquals(0, plan.exitCode(), plan.out() + plan.err());
      assertTrue(plan.out().contains("Drains: n-1 cordoned and drained in Kubernetes before its disruptive steps"), plan.out());

      // The Deployment's replacement for web-1 comes up on n-2 only after the budget has refused
      // web-1's eviction once, so the drain is seen waiting for it whatever the machine's speed.
      var replaced = new java.util.concurrent.atomic.AtomicBoolean();
      controller.scheduleWithFixedDelay(() -> {
        if (!dispatcher.refused.isEmpty() && replaced.compareAndSet(false, true)) pod(client, "web-3", "n-2");
      }, 100, 100, TimeUnit.MILLISECONDS);
      CliRun apply = CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "apply", "--auto-approve", "--reboot-timeout", "60",
          "--skip-needs", "kernel", lab.toString())); // the testbed has no modprobe for K3s's modules
      assertEquals(0, apply.exitCode(), apply.out() + apply.err());
      assertNull(client.pods().inNamespace("default").withName("web-1").get(), "web-1 was not evicted");
      assertTrue(dispatcher.refused.contains("default/web-1"), "the budget held web-1 until its replacement ran: " + dispatcher.refused);
      long grubRan = Long.parseLong(hosts.ssh(1, "stat -c %Y /var/lib/fake-update-grub").stdout().strip());
      assertTrue(grubRan >= dispatcher.evicted.get("default/web-1"), "the step ran before the node was drained");
      assertEquals(Boolean.FALSE, client.nodes().withName("n-1").get().getSpec().getUnschedulable(), "n-1 was not uncordoned");
      // 5 steps done plus the cordon, the reboot and the uncordon; the kernel steps left for later.
      assertTrue(apply.out().contains("Apply complete: 8 done, 0 failed, 5 skipped."), apply.out());
    } finally {
      controller.shutdownNow();
      server.destroy();
    }
  }

  private static void pod(KubernetesClient client, String name, String node) {
    client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
        .withLabels(Map.of("app", "web")).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build()).create();
  }
}
