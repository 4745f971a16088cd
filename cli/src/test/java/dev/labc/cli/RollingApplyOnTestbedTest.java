package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `labc apply --serial N` on three real OpenSSH hosts: a GRUB update (a step that needs a reboot)
 * fails on a node of the first batch, so the second batch's node is left untouched (nothing run on
 * it, nothing recorded); a plan saved with --serial 1 is applied in its own batches; once the node
 * is fixed, the same apply converges.
 */
@Testbed(hosts = 3)
class RollingApplyOnTestbedTest {
  @TempDir Path dir;

  static final String GRUB_DONE = "/var/lib/labc-test-grub-updated";

  @Test
  void aFailedBatchStopsTheRolloutLeavingLaterBatchesUntouchedAndARerunConverges(TestbedHosts hosts) throws Exception {
    for (int i = 1; i <= 3; i++) assertTrue(hosts.ssh(i, "rm -f /usr/local/sbin/update-grub /etc/labc-test-motd " + GRUB_DONE + " /var/lib/fake-update-grub").ok());
    // Nodes 1 and 3 have an update-grub (a stand-in that records being run); node 2 lacks one, so its step fails.
    installUpdateGrub(hosts, 1);
    installUpdateGrub(hosts, 3);
    Path lab = dir.resolve("cluster.lab");
    var nodes = new StringBuilder();
    // Each node reboots after its GRUB update (RebootOnTestbedTest): through the testbed's restart of the host.
    for (int i = 1; i <= 3; i++) {
      String reboot = hosts.rebootCommandLine(i).stream().map(dev.labc.shell.ShellQuote::quote).collect(java.util.stream.Collectors.joining(" "));
      nodes.append("node n-").append(i).append(" {\n  address = ").append(hosts.host(i).address())
          .append("\n  reboot_command = \"").append(reboot.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n}\n");
    }
    Files.writeString(lab, nodes + """
        file motd {
          path = "/etc/labc-test-motd"
          content = "rolled\\n"
        }
        command grub {
          run = "update-grub && touch %s"
          creates = "%s"
        }
        """.formatted(GRUB_DONE, GRUB_DONE));

    CliRun plan = CliRun.run(ssh(hosts, "plan", "--serial", "2", lab.toString()));
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("(command) (needs reboot)"), plan.out());
    assertTrue(plan.out().contains("Rollout: 2 nodes at a time"), plan.out());
    assertTrue(plan.out().contains("  batch 1: n-1, n-2\n  batch 2: n-3\n"), plan.out());

    CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--serial", "2", "--reboot-timeout", "60", lab.toString()));
    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.out().contains("n-2") && apply.out().contains("failed node.n-2.command[\"grub\"]"), apply.out());
    assertTrue(apply.out().contains("not started: the rollout stopped after batch 1 of 2 (n-2 failed)"), apply.out());
    // Batch 1 ran: node 1 completely, node 2 up to its failure (its script stops there).
    assertTrue(hosts.ssh(1, "test -f " + GRUB_DONE + " && test -f /etc/labc-test-motd").ok());
    // Batch 2 untouched: not even its harmless file, and its update-grub never ran.
    assertFalse(hosts.ssh(3, "test -e /etc/labc-test-motd").ok());
    assertFalse(hosts.ssh(3, "test -e /var/lib/fake-update-grub").ok());
    // State is true to what was done: node 3 has nothing recorded, node 1 its steps as done.
    CliRun list = CliRun.run("state", "list", lab.toString());
    assertEquals(0, list.exitCode(), list.out() + list.err());
    assertFalse(list.out().contains("node.n-3."), list.out());
    assertTrue(list.out().contains("node.n-1.command[\"grub\"]") && list.out().contains("node.n-1.file"), list.out());
    // Node 2's batch was started and did not finish: marked so (docs/reliability.md), never recorded as done.
    assertTrue(list.out().contains("node.n-2.command[\"grub\"]  (tainted: an apply did not finish it)"), list.out());

    // A saved plan keeps its batches: planned one node at a time while node 2 is still broken,
    // `labc apply PLAN` with no --serial stops after node 2's batch (with 2 at a time node 3 would have run alongside).
    Path saved = dir.resolve("one-at-a-time.plan");
    CliRun one = CliRun.run(ssh(hosts, "plan", "--serial", "1", "-out", saved.toString(), lab.toString()));
    assertEquals(0, one.exitCode(), one.out() + one.err());
    assertTrue(one.out().contains("  batch 1: n-2\n  batch 2: n-3\n"), one.out());
    CliRun savedApply = CliRun.run(ssh(hosts, "apply", "--reboot-timeout", "60", saved.toString()));
    assertEquals(1, savedApply.exitCode(), savedApply.out() + savedApply.err());
    assertTrue(savedApply.out().contains("Rollout: 1 node at a time"), savedApply.out());
    assertTrue(savedApply.out().contains("not started: the rollout stopped after batch 1 of 2 (n-2 failed)"), savedApply.out());
    assertFalse(hosts.ssh(3, "test -e /etc/labc-test-motd").ok());

    // The admin fixes node 2; the same command picks up where the rollout stopped.
    installUpdateGrub(hosts, 2);
    CliRun again = CliRun.run(ssh(hosts, "plan", "--serial", "2", lab.toString()));
    assertTrue(again.out().contains("  batch 1: n-2, n-3\n"), "only the nodes with disruptive steps left: " + again.out());
    CliRun rerun = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--serial", "2", "--reboot-timeout", "60", lab.toString()));
    assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
    for (int i = 1; i <= 3; i++) assertTrue(hosts.ssh(i, "test -f " + GRUB_DONE + " && test -f /etc/labc-test-motd").ok(), "node " + i);
    assertEquals("1\n", hosts.ssh(1, "wc -l < /var/lib/fake-update-grub").stdout(), "node 1's update-grub ran once");
    CliRun settled = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(0, settled.exitCode(), settled.out() + settled.err());
  }

  static void installUpdateGrub(TestbedHosts hosts, int i) {
    var r = hosts.ssh(i, "mkdir -p /usr/local/sbin && printf '#!/bin/sh\\necho ran >> /var/lib/fake-update-grub\\n' > /usr/local/sbin/update-grub"
        + " && chmod 0755 /usr/local/sbin/update-grub");
    assertTrue(r.ok(), r.toString());
  }

  static String[] ssh(TestbedHosts hosts, String... args) {
    return GpuSettingsOnTestbedTest.ssh(hosts, args);
  }
}
