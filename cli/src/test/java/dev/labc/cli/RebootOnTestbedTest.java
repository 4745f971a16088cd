package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.shell.ShellQuote;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that needs a reboot (a GRUB update) on testbed hosts whose `reboot_command` is the
 * testbed's own restart of the host (processes and /run go, files stay): apply reboots each node
 * after its steps, waits for SSH from the new boot and checks it; a reboot that fails is the
 * apply's failure, leaves the reboot pending on the node, and the next apply does it.
 */
@Testbed(hosts = 2)
class RebootOnTestbedTest {
  @TempDir Path dir;

  static final String GRUB_DONE = "/var/lib/labc-test-grub-updated";

  @Test
  void applyRebootsEachNodeAfterItsStepsAndAFailedRebootIsDoneByTheNextApply(TestbedHosts hosts) throws Exception {
    for (int i = 1; i <= 2; i++) {
      assertTrue(hosts.ssh(i, "rm -f " + GRUB_DONE + " /var/lib/fake-update-grub && touch /run/from-the-old-boot").ok());
      RollingApplyOnTestbedTest.installUpdateGrub(hosts, i);
    }
    Path lab = dir.resolve("cluster.lab");
    // Node 2's BMC is "unreachable" at first: its reboot command fails.
    writeLab(hosts, lab, "false");

    CliRun plan = CliRun.run(ssh(hosts, "plan", "--serial", "1", lab.toString()));
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("node.{node}.command[\"grub\"] (command) (needs reboot)")
        || plan.out().contains("node.n-1.command[\"grub\"] (command) (needs reboot)"), plan.out());
    assertTrue(plan.out().contains("Reboots: n-1, n-2 reboot after their steps"), plan.out());
    assertTrue(plan.out().contains("  batch 1: n-1\n  batch 2: n-2\n"), plan.out());

    CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--serial", "1", "--reboot-timeout", "60", lab.toString()));
    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    // Node 1 was really restarted: /run is new, its files are kept, and it answers again.
    assertFalse(hosts.ssh(1, "test -e /run/from-the-old-boot").ok(), "node 1 was not rebooted");
    assertTrue(hosts.ssh(1, "test -f " + GRUB_DONE).ok());
    // Node 2 ran its steps, and its reboot failed: reported, and still pending on the node.
    assertTrue(apply.out().contains("failed node.n-2.reboot: the reboot command failed (exit 1)"), apply.out());
    assertTrue(hosts.ssh(2, "test -e /run/from-the-old-boot && test -e /run/labc/reboot-required").ok());

    // The pending reboot shows in the next plan, and with a working reboot command the apply does it.
    writeLab(hosts, lab, null);
    CliRun pending = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(2, pending.exitCode(), pending.out() + pending.err());
    assertTrue(pending.out().contains("node.n-2.command[\"grub\"] (command) (needs reboot) was changed on the host"), pending.out());
    assertFalse(pending.out().contains("node.n-1."), "node 1 rebooted; nothing is left to do there: " + pending.out());
    CliRun again = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--reboot-timeout", "60", lab.toString()));
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertFalse(hosts.ssh(2, "test -e /run/from-the-old-boot").ok(), "node 2 was not rebooted");
    assertFalse(hosts.ssh(2, "test -e /run/labc/reboot-required").ok());
    CliRun settled = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(0, settled.exitCode(), settled.out() + settled.err());
  }

  /** Both nodes reboot through the testbed; node 2 through {@code node2Override} when given. */
  private static void writeLab(TestbedHosts hosts, Path lab, String node2Override) throws Exception {
    var sb = new StringBuilder();
    for (int i = 1; i <= 2; i++) {
      String reboot = i == 2 && node2Override != null ? node2Override
          : hosts.rebootCommandLine(i).stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
      sb.append("node n-").append(i).append(" {\n  address = ").append(hosts.host(i).address())
          .append("\n  reboot_command = \"").append(reboot.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n}\n");
    }
    sb.append("""
        command grub {
          run = "update-grub && touch %s"
          creates = "%s"
        }
        """.formatted(GRUB_DONE, GRUB_DONE));
    Files.writeString(lab, sb.toString());
  }

  static String[] ssh(TestbedHosts hosts, String... args) {
    return GpuSettingsOnTestbedTest.ssh(hosts, args);
  }
}
