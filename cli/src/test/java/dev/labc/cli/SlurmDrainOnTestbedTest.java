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
 * A Slurm worker with a step that needs a reboot, on a testbed host whose scontrol is a fake that
 * keeps drain state and counts a job as a real process: apply drains the node, waits for the job
 * to end (never killing it), runs the step, reboots, and resumes the node; a job that outlasts
 * --drain-timeout leaves the node resumed and unchanged.
 */
@Testbed(hosts = 1)
class SlurmDrainOnTestbedTest {
  @TempDir Path dir;

  static final String GRUB_DONE = "/var/lib/labc-test-grub-updated";

  @Test
  void applyDrainsWaitsForTheRunningJobThenChangesRebootsAndResumesTheNode(TestbedHosts hosts) throws Exception {
    prepare(hosts);
    Path lab = writeLab(hosts);
    FakeSlurm.startJob(hosts, 1, "n-1", 6);

    CliRun plan = CliRun.run(ssh(hosts, "plan", lab.toString()));
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("Drains: n-1 drained in Slurm before its disruptive steps"), plan.out());
    assertTrue(plan.out().contains("Reboots: n-1 reboots after its steps"), plan.out());

    CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--reboot-timeout", "60", lab.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    // The job ran to its end: the drain waited for it, and the reboot came after.
    assertEquals("finished\n", hosts.ssh(1, "cat /var/lib/fake-slurm/job.out").stdout(), apply.out());
    long jobEnded = Long.parseLong(hosts.ssh(1, "stat -c %Y /var/lib/fake-slurm/job.out").stdout().strip());
    long grubRan = Long.parseLong(hosts.ssh(1, "stat -c %Y /var/lib/fake-update-grub").stdout().strip());
    assertTrue(grubRan >= jobEnded, "update-grub ran before the job ended: " + grubRan + " < " + jobEnded);
    String calls = hosts.ssh(1, "cat /var/lib/fake-slurm/calls").stdout();
    assertTrue(calls.contains("scontrol update nodename=n-1 state=drain reason=labc apply: node.n-1.command[\"grub\"]"), calls);
    assertTrue(calls.indexOf("state=drain") < calls.indexOf("state=resume"), calls);
    assertFalse(hosts.ssh(1, "test -e /var/lib/fake-slurm/nodes/n-1/drain").ok(), "n-1 was not resumed: " + calls);
    assertFalse(hosts.ssh(1, "test -e /run/labc/reboot-required").ok(), "n-1 was not rebooted");
    assertEquals(0, CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString())).exitCode());
  }

  @Test
  void aJobThatOutlastsTheDrainTimeoutLeavesTheNodeResumedAndUnchanged(TestbedHosts hosts) throws Exception {
    prepare(hosts);
    Path lab = writeLab(hosts);
    FakeSlurm.startJob(hosts, 1, "n-1", 120);
    try {
      CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--drain-timeout", "3", lab.toString()));
      assertEquals(1, apply.exitCode(), apply.out() + apply.err());
      assertTrue(apply.out().contains("failed node.n-1.drain: jobs still run on n-1 after 3 s of draining (State=ALLOCATED+DRAIN); resumed it, nothing was changed"),
          apply.out());
      assertFalse(hosts.ssh(1, "test -e /var/lib/fake-update-grub").ok(), "a step ran on a node that was not drained");
      assertFalse(hosts.ssh(1, "test -e /var/lib/fake-slurm/nodes/n-1/drain").ok(), "n-1 was left drained");
      assertTrue(hosts.ssh(1, "kill -0 $(cat /var/lib/fake-slurm/jobs/n-1/1)").ok(), "the job was killed");
      CliRun list = CliRun.run("state", "list", lab.toString());
      assertFalse(list.out().contains("node.n-1."), "nothing was recorded: " + list.out());
    } finally {
      hosts.ssh(1, "kill $(cat /var/lib/fake-slurm/jobs/n-1/1) 2>/dev/null; true");
    }
  }

  private static void prepare(TestbedHosts hosts) {
    assertTrue(hosts.ssh(1, "rm -rf " + GRUB_DONE + " /var/lib/fake-update-grub /run/labc").ok());
    FakeSlurm.install(hosts, 1, "n-1");
    RollingApplyOnTestbedTest.installUpdateGrub(hosts, 1);
  }

  private Path writeLab(TestbedHosts hosts) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    String reboot = hosts.rebootCommandLine(1).stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    Files.writeString(lab, """
        import "std/slurm"

        node n-1 {
          address = %s
          reboot_command = "%s"
        }
        slurm lab {
          controller = node.n-1
          workers = [node.n-1]
          daemons = false
        }
        command grub {
          run = "update-grub && touch %s"
          creates = "%s"
        }
        """.formatted(hosts.host(1).address(), reboot.replace("\\", "\\\\").replace("\"", "\\\""), GRUB_DONE, GRUB_DONE));
    return lab;
  }

  static String[] ssh(TestbedHosts hosts, String... args) {
    return GpuSettingsOnTestbedTest.ssh(hosts, args);
  }
}
