package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.TestbedHosts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Puts the fake scontrol of test resources fake-slurm/ on a testbed host, knowing {@code node} as an idle Slurm node. */
final class FakeSlurm {
  private FakeSlurm() {}

  static void install(TestbedHosts hosts, int host, String node) {
    try (InputStream in = FakeSlurm.class.getResourceAsStream("/fake-slurm/scontrol")) {
      String script = "set -e; rm -rf /var/lib/fake-slurm; mkdir -p /usr/local/bin /var/lib/fake-slurm/nodes/" + node + " /var/lib/fake-slurm/jobs/" + node + "\n"
          + "echo " + Base64.getEncoder().encodeToString(in.readAllBytes()) + " | base64 -d > /usr/local/bin/scontrol; chmod 0755 /usr/local/bin/scontrol\n";
      var r = hosts.ssh(host, script);
      assertTrue(r.ok(), r.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a job on {@code node} of host {@code host}: a real process that runs {@code seconds} and then writes that it finished. */
  static void startJob(TestbedHosts hosts, int host, String node, int seconds) {
    var r = hosts.ssh(host, "setsid sh -c 'sleep " + seconds + "; echo finished > /var/lib/fake-slurm/job.out' </dev/null >/dev/null 2>&1 & echo $! > /var/lib/fake-slurm/jobs/" + node + "/1");
    assertTrue(r.ok(), r.toString());
  }
}
