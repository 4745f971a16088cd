package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while `labc apply` runs, on real testbed hosts: a host too slow for the step timeout and a
 * host whose sshd dies mid-apply. Each time the other hosts finish, the report names the failed
 * host, and the next apply finishes the job with nothing left to do after it.
 */
@Testbed(hosts = 3)
class FaultsMidApplyTest {
  @TempDir Path dir;

  void converge(TestbedHosts hosts, String banner) throws Exception {
    ApplyOnTestbedTest.writeLab(hosts, 3, "file banner {\n  path = \"/etc/labc-banner\"\n  content = \"" + banner + "\\n\"\n}\n");
  }

  CliRun apply(TestbedHosts hosts, String... extra) {
    var args = new java.util.ArrayList<>(java.util.List.of("apply", "--auto-approve"));
    args.addAll(java.util.List.of(extra));
    args.add(ApplyOnTestbedTest.lab().toString());
    return CliRun.run(ApplyOnTestbedTest.ssh(hosts, args.toArray(String[]::new)));
  }

  void assertConverges(TestbedHosts hosts, String banner) {
    CliRun again = apply(hosts);
    assertEquals(0, again.exitCode(), again.out() + again.err());
    for (int i = 1; i <= 3; i++) assertEquals(banner + "\n", hosts.ssh(i, "cat /etc/labc-banner").stdout(), "host" + i);
    CliRun plan = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", ApplyOnTestbedTest.lab().toString()));
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
  }

  @Test
  void aHostTooSlowForTheStepTimeoutFailsAloneAndTheNextApplyFinishes(TestbedHosts hosts) throws Exception {
    ApplyOnTestbedTest.dir = dir;
    converge(hosts, "v1");
    assertEquals(0, apply(hosts).exitCode());
    converge(hosts, "v2");
    hosts.slow(3, 700); // every round trip to host3 (node gpu-2) costs 0.7 s more; a step needs several
    CliRun r;
    try {
      r = apply(hosts, "--step-timeout", "1");
    } finally {
      hosts.slow(3, 0);
    }
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*gpu-2 +0 done, 1 failed.*did not finish within 1 s.*"), r.out());
    assertEquals("v2\n", hosts.ssh(1, "cat /etc/labc-banner").stdout(), "the other hosts finished");
    assertEquals("v2\n", hosts.ssh(2, "cat /etc/labc-banner").stdout());
    assertConverges(hosts, "v2");
  }

  @Test
  void aHostWhoseSshdDiesMidApplyFailsAloneAndTheNextApplyFinishes(TestbedHosts hosts) throws Exception {
    ApplyOnTestbedTest.dir = dir;
    converge(hosts, "v1");
    assertEquals(0, apply(hosts).exitCode());
    converge(hosts, "v3");
    hosts.slow(3, 300);
    CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> apply(hosts));
    CliRun r;
    try {
      Thread.sleep(2500); // inside the slowed host's connection or its steps
      hosts.down(3);
      r = running.get();
    } finally {
      hosts.slow(3, 0);
      hosts.up(3);
    }
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*gpu-2 +\\d+ done, 1 failed.*"), r.out());
    assertTrue(r.out().matches("(?s).*(head|gpu-1) +1 done, 0 failed.*"), r.out());
    assertEquals("v3\n", hosts.ssh(1, "cat /etc/labc-banner").stdout(), "the other hosts finished");
    assertEquals("v3\n", hosts.ssh(2, "cat /etc/labc-banner").stdout());
    assertConverges(hosts, "v3");
  }
}
