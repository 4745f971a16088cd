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
 * A Slurm worker taken out of the configuration, on two testbed hosts with the fake scontrol: the
 * plan shows its drain before its removal; apply drains it (on the node, reached at the endpoint
 * state recorded), waits for its running job to end without killing it, and only then rewrites
 * slurm.conf on the node that stays and removes the node's own files; the node is never resumed.
 * A job that outlasts --drain-timeout changes nothing anywhere.
 */
@Testbed(hosts = 2)
class RemovedNodeDrainOnTestbedTest {
  @TempDir Path dir;

  @Test
  void aRemovedWorkerIsDrainedBeforeSlurmConfIsRewrittenAndItsStepsDestroyed(TestbedHosts hosts) throws Exception {
    assertTrue(hosts.ssh(1, "rm -rf /etc/slurm").ok());
    assertTrue(hosts.ssh(2, "rm -rf /etc/slurm").ok());
    FakeSlurm.install(hosts, 2, "n-2");
    Path lab = dir.resolve("cluster.lab");
    writeLab(hosts, lab, true);
    CliRun first = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertTrue(hosts.ssh(1, "grep -q '^NodeName=n-2 ' /etc/slurm/slurm.conf").ok());

    writeLab(hosts, lab, false);
    CliRun plan = CliRun.run(ssh(hosts, "plan", lab.toString()));
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("Drains: n-2 drained in Slurm before its removal (scontrol update state=drain; running jobs end on their own,"
        + " never cancelled); no step of this apply runs until it is drained, and it is not resumed.\n"), plan.out());
    assertTrue(plan.out().contains("-   node.n-2.endpoint (endpoint)"), plan.out());

    // A job that outlasts the drain timeout: nothing changes, on either node, and the job runs on.
    FakeSlurm.startJob(hosts, 2, "n-2", 120);
    try {
      CliRun refused = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--drain-timeout", "3", lab.toString()));
      assertEquals(1, refused.exitCode(), refused.out() + refused.err());
      assertTrue(refused.out().contains("failed node.n-2.drain: jobs still run on n-2 after 3 s of draining (State=ALLOCATED+DRAIN); resumed it, nothing was changed"),
          refused.out());
      assertTrue(refused.out().contains("not run: removed node n-2 could not be drained first"), refused.out());
      assertTrue(hosts.ssh(1, "grep -q '^NodeName=n-2 ' /etc/slurm/slurm.conf").ok(), "slurm.conf was rewritten before the drain");
      assertTrue(hosts.ssh(2, "test -f /etc/slurm/slurm.conf").ok(), "n-2's files were removed before its drain");
      assertTrue(hosts.ssh(2, "kill -0 $(cat /var/lib/fake-slurm/jobs/n-2/1)").ok(), "the job was killed");
    } finally {
      hosts.ssh(2, "kill $(cat /var/lib/fake-slurm/jobs/n-2/1) 2>/dev/null; rm -f /var/lib/fake-slurm/calls; true");
    }

    FakeSlurm.startJob(hosts, 2, "n-2", 5);
    CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertEquals("finished\n", hosts.ssh(2, "cat /var/lib/fake-slurm/job.out").stdout(), "the job was not waited for: " + apply.out());
    long jobEnded = Long.parseLong(hosts.ssh(2, "stat -c %Y /var/lib/fake-slurm/job.out").stdout().strip());
    long confRewritten = Long.parseLong(hosts.ssh(1, "stat -c %Y /etc/slurm/slurm.conf").stdout().strip());
    assertTrue(confRewritten >= jobEnded, "slurm.conf was rewritten before n-2's job ended: " + confRewritten + " < " + jobEnded);
    assertFalse(hosts.ssh(1, "grep -q 'n-2' /etc/slurm/slurm.conf").ok(), "n-2 is still in slurm.conf");
    assertFalse(hosts.ssh(2, "test -e /etc/slurm/slurm.conf").ok(), "n-2's slurm.conf was not removed");
    String calls = hosts.ssh(2, "cat /var/lib/fake-slurm/calls").stdout();
    assertTrue(calls.contains("scontrol update nodename=n-2 state=drain reason=labc apply: node n-2 removed from the configuration\n"), calls);
    assertFalse(calls.contains("state=resume"), "a removed node was resumed: " + calls);
    assertTrue(hosts.ssh(2, "test -e /var/lib/fake-slurm/nodes/n-2/drain").ok(), "n-2 is not left drained: " + calls);
    CliRun settled = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(0, settled.exitCode(), settled.out() + settled.err());
  }

  private static void writeLab(TestbedHosts hosts, Path lab, boolean withN2) throws Exception {
    var sb = new StringBuilder("import \"std/slurm\"\n\n");
    sb.append("node n-1 {\n  address = ").append(hosts.host(1).address()).append("\n}\n");
    if (withN2) sb.append("node n-2 {\n  address = ").append(hosts.host(2).address()).append("\n}\n");
    sb.append("slurm lab {\n  controller = node.n-1\n  workers = [node.n-1").append(withN2 ? ", node.n-2" : "").append("]\n  daemons = false\n}\n");
    Files.writeString(lab, sb.toString());
  }

  static String[] ssh(TestbedHosts hosts, String... args) {
    return GpuSettingsOnTestbedTest.ssh(hosts, args);
  }
}
