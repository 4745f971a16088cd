package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan, apply and facts end to end on five real OpenSSH hosts: the OS-prep part of the closet
 * cluster (hostnames, /etc/hosts, groups and users with fixed IDs, swap, Slurm's generated files,
 * a declared file). The tests run in order on one state repository, as an operator would.
 */
@Testbed(hosts = 5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplyOnTestbedTest {
  @TempDir static Path dir;

  static Path lab() {
    return dir.resolve("cluster.lab");
  }

  static void writeLab(TestbedHosts hosts, int nodes, String extra) throws Exception {
    var sb = new StringBuilder("import \"std/slurm\" as slurm\n");
    sb.append("node head {\n  address = ").append(hosts.host(1).address()).append("\n  roles = [controller, nfs_server]\n}\n");
    var workers = new ArrayList<String>();
    for (int i = 2; i <= nodes; i++) {
      sb.append("node \"gpu-").append(i - 1).append("\" {\n  address = ").append(hosts.host(i).address())
          .append("\n  roles = [worker]\n  gpu {\n    model = A100_80GB\n    count = 4\n  }\n}\n");
      workers.add("\"gpu-" + (i - 1) + "\"");
    }
    sb.append("""
        group research {
          gid = 2000
        }
        user alice {
          uid    = 1001
          groups = [research]
        }
        user bob {
          uid    = 1002
          groups = [research]
        }
        file motd {
          path    = "/etc/motd"
          content = "Closet cluster. Ask in #lab before taking all GPUs.\\n"
        }
        slurm {
          controller = head
          workers    = nodes(role: worker)
          daemons    = false
        }
        """);
    sb.append(extra);
    Files.writeString(lab(), sb.toString());
  }

  static String[] ssh(TestbedHosts hosts, String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString()));
    return all.toArray(String[]::new);
  }

  static long connections(TestbedHosts hosts, int i) throws Exception {
    return Files.readAllLines(hosts.sshdLog(i)).stream().filter(l -> l.contains("Connection from")).count();
  }

  @Test
  @Order(1)
  void firstPlanContactsNoHostAndApplyConvergesFiveHostsOverOneConnectionEach(TestbedHosts hosts) throws Exception {
    writeLab(hosts, 5, "");
    long[] before = new long[6];
    for (int i = 1; i <= 5; i++) before[i] = connections(hosts, i);
    CliRun plan = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab().toString()));
    assertEquals(2, plan.exitCode(), plan.err());
    for (int i = 1; i <= 5; i++) assertEquals(before[i], connections(hosts, i), "a first plan contacts no host");

    CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab().toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.out().contains("Apply complete"), apply.out());
    Thread.sleep(200);
    for (int i = 1; i <= 5; i++) assertEquals(before[i] + 1, connections(hosts, i), "one connection to host" + i);

    for (int i = 1; i <= 5; i++) {
      String name = i == 1 ? "head" : "gpu-" + (i - 1);
      var r = hosts.ssh(i, "hostname; id alice; getent group research; cat /etc/motd; grep -c NodeName= /etc/slurm/slurm.conf; sed -n '/BEGIN labc hosts/,/END labc hosts/p' /etc/hosts");
      assertTrue(r.ok(), r.toString());
      assertTrue(r.stdout().startsWith(name + "\nuid=1001(alice) gid=1001(alice) groups=1001(alice),2000(research)\nresearch:x:2000:alice,bob\n"), r.stdout());
      assertTrue(r.stdout().contains("Closet cluster."), r.stdout());
      assertTrue(r.stdout().contains("\n4\n# BEGIN labc hosts\n"), "slurm.conf lists the 4 workers, /etc/hosts has the block: " + r.stdout());
      assertTrue(r.stdout().contains(hosts.host(5).address() + " gpu-4\n"), r.stdout());
    }
    CliRun again = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab().toString()));
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("No changes."), again.out());
  }

  @Test
  @Order(2)
  void aFileEditedByHandIsExactlyTheDriftAndApplyRepairsIt(TestbedHosts hosts) throws Exception {
    assertTrue(hosts.ssh(3, "echo 'NodeName=rogue' >> /etc/slurm/slurm.conf").ok());
    Path saved = dir.resolve("drift.plan");
    CliRun plan = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", "-out", saved.toString(), lab().toString()));
    assertEquals(2, plan.exitCode(), plan.err());
    assertTrue(plan.out().contains("node.gpu-2.file[\"/etc/slurm/slurm.conf\"] (file) was changed on the host"), plan.out());
    assertTrue(plan.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), plan.out());

    CliRun apply = CliRun.run(ssh(hosts, "apply", saved.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertFalse(hosts.ssh(3, "cat /etc/slurm/slurm.conf").stdout().contains("rogue"));
    CliRun stale = CliRun.run(ssh(hosts, "apply", saved.toString()));
    assertEquals(1, stale.exitCode());
    assertTrue(stale.err().contains("stale plan") && stale.err().contains("state moved"), stale.err());
    assertEquals(0, CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab().toString())).exitCode());
  }

  @Test
  @Order(3)
  void aHostDownIsReportedTheOthersCompleteAndAReapplyConverges(TestbedHosts hosts) throws Exception {
    writeLab(hosts, 5, "file banner {\n  path = \"/etc/labc-banner\"\n  content = \"v2\\n\"\n}\n");
    hosts.down(4);
    try {
      CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab().toString()));
      assertEquals(1, apply.exitCode(), apply.out());
      assertTrue(apply.err().contains("error: not refreshed: gpu-3:"), "the refresh names the host: " + apply.err());
      assertTrue(apply.out().matches("(?s).*gpu-3 +0 done, 1 failed.*failed node\\.gpu-3\\.file\\[\"/etc/labc-banner\"\\]: connection refused.*"), apply.out());
      assertTrue(apply.out().contains("Apply incomplete: 4 done, 1 failed"), apply.out());
      assertEquals("v2\n", hosts.ssh(5, "cat /etc/labc-banner").stdout());
    } finally {
      hosts.up(4);
    }
    CliRun plan = CliRun.run(ssh(hosts, "plan", lab().toString()));
    assertTrue(plan.out().contains("Plan: 1 to add, "), "only the missed step remains (plus what the restart reset): " + plan.out());
    CliRun again = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab().toString()));
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertEquals(0, CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab().toString())).exitCode());
  }

  @Test
  @Order(4)
  void removingANodePlansItsResourcesForDeletionAndFactsPrintEachHost(TestbedHosts hosts) throws Exception {
    writeLab(hosts, 4, "file banner {\n  path = \"/etc/labc-banner\"\n  content = \"v2\\n\"\n}\n");
    CliRun plan = CliRun.run(ssh(hosts, "plan", "--refresh=false", lab().toString()));
    assertTrue(plan.out().contains("-   node.gpu-4.user[\"alice\"] (user) is no longer declared"), plan.out());
    assertFalse(plan.out().contains("+   "), "nothing is added: " + plan.out());

    CliRun facts = CliRun.run(ssh(hosts, "facts", lab().toString(), "head", "gpu-1"));
    assertEquals(0, facts.exitCode(), facts.err());
    var json = new ObjectMapper().readTree(facts.out());
    assertEquals("head", json.at("/hosts/head/hostname").asText(), facts.out());
    assertEquals("gpu-1", json.at("/hosts/gpu-1/hostname").asText(), facts.out());
  }

  @Test
  @Order(5)
  void factsFindACloneMachineIdAndAUidTakenByHandBeforeAnythingRuns(TestbedHosts hosts) throws Exception {
    writeLab(hosts, 5, "");
    assertEquals(0, CliRun.run(ssh(hosts, "apply", "--auto-approve", lab().toString())).exitCode());
    String id2 = hosts.ssh(3, "cat /etc/machine-id").stdout().strip();
    String id3 = hosts.ssh(4, "cat /etc/machine-id").stdout().strip();
    assertTrue(hosts.ssh(4, "echo " + id2 + " > /etc/machine-id && usermod -u 1500 bob").ok());
    try {
      CliRun plan = CliRun.run(ssh(hosts, "plan", lab().toString()));
      assertEquals(1, plan.exitCode(), plan.out() + plan.err());
      assertTrue(plan.err().contains("E0412") && plan.err().contains("nodes gpu-2 and gpu-3 have the same machine-id"), plan.err());
      assertTrue(plan.err().contains("E0413") && plan.err().contains("user bob has UID 1500 on gpu-3, not the declared 1002"), plan.err());
      assertTrue(plan.err().contains("declares 4 GPUs but has no working nvidia-smi"), "testbed hosts have no GPUs: a warning: " + plan.err());
    } finally {
      assertTrue(hosts.ssh(4, "echo " + id3 + " > /etc/machine-id && usermod -u 1002 bob").ok());
    }
    assertEquals(0, CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab().toString())).exitCode());
  }
}
