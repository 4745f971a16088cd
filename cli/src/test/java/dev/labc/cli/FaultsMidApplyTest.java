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
 * Faults while `labc apply` runs, on real testbed hosts: a host too slow for the step timeout, a
 * host whose sshd dies mid-apply, one whose sshd restarts mid-apply, and one whose disk is full.
 * Each time the other hosts finish, the report names the failed host, state records only what was
 * done, and the next apply finishes the job with nothing left to do after it.
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

  /** `labc state show` of one node's resource: its status line and attributes. */
  String recorded(String node, String path) {
    CliRun r = CliRun.run("state", "show", ApplyOnTestbedTest.lab().toString(), "node." + node + ".file[\"" + path + "\"]");
    return r.out() + r.err();
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

  @Test
  void aHostWhoseSshdRestartsMidApplyFailsAloneStateHoldsWhatWasDoneAndTheNextApplyFinishes(TestbedHosts hosts) throws Exception {
    ApplyOnTestbedTest.dir = dir;
    converge(hosts, "v1");
    assertEquals(0, apply(hosts).exitCode());
    converge(hosts, "v4");
    // On host3 (gpu-2), `mv` (the last part of a file write) announces itself and then waits, so the
    // restart lands while that host's step runs, on the connection the apply is using.
    assertTrue(hosts.ssh(3, "printf '#!/bin/sh\\ntouch /tmp/labc-test-mv-started\\nsleep 4\\nexec /bin/mv \"$@\"\\n' > /usr/local/bin/mv"
        + " && chmod 755 /usr/local/bin/mv && rm -f /tmp/labc-test-mv-started").ok());
    CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> apply(hosts));
    CliRun r;
    boolean stepWasRunning = false, backWhileRunning;
    try {
      for (int i = 0; i < 200 && !stepWasRunning && !running.isDone(); i++) {
        Thread.sleep(50);
        stepWasRunning = hosts.ssh(3, "test -e /tmp/labc-test-mv-started").ok();
      }
      hosts.down(3);
      hosts.up(3); // a restart: the same host, key and files, a new sshd
      backWhileRunning = !running.isDone();
      r = running.get();
    } finally {
      hosts.ssh(3, "rm -f /usr/local/bin/mv /tmp/labc-test-mv-started");
    }
    assertTrue(stepWasRunning, "host3's file write reached mv");
    assertTrue(backWhileRunning, "host3 came back while the apply still waited on it");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*gpu-2 +0 done, 1 failed.*failed node\\.gpu-2\\.file\\[\"/etc/labc-banner\"\\]: .*"), r.out());
    assertTrue(r.out().matches("(?s).*head +1 done, 0 failed.*") && r.out().matches("(?s).*gpu-1 +1 done, 0 failed.*"), r.out());
    assertEquals("v4\n", hosts.ssh(1, "cat /etc/labc-banner").stdout(), "the other hosts finished");
    assertEquals("v4\n", hosts.ssh(2, "cat /etc/labc-banner").stdout());
    // State: the finished hosts' steps as done with the new content; the restarted host's step, which
    // started and was cut off before its rename, as unsure (tainted), and the host still holds v1.
    for (String node : java.util.List.of("head", "gpu-1")) {
      String shown = recorded(node, "/etc/labc-banner");
      assertTrue(shown.contains("(file, ready)") && shown.contains("content = \"v4\\n\""), shown);
    }
    String gpu2 = recorded("gpu-2", "/etc/labc-banner");
    assertTrue(gpu2.contains("(file, tainted)"), gpu2);
    assertEquals("v1\n", hosts.ssh(3, "cat /etc/labc-banner").stdout(), "the cut-off write left the old file");
    System.out.println("FaultsMidApplyTest sshd restart: " + r.out().lines().filter(l -> l.contains("failed node.gpu-2")).findFirst().orElse("?").strip());
    assertConverges(hosts, "v4");
    // The cut-off write's temporary file is removed by the write that replaces it.
    assertEquals("", hosts.ssh(3, "ls /etc/labc-banner.labc-tmp 2>/dev/null").stdout());
  }

  @Test
  void aHostWhoseSshdReloadsMidStepFinishesItsStep(TestbedHosts hosts) throws Exception {
    ApplyOnTestbedTest.dir = dir;
    converge(hosts, "v1");
    assertEquals(0, apply(hosts).exitCode());
    converge(hosts, "v5");
    // As in the restart test, host3's write waits in mv; this time its sshd (PID 1 in the host) gets
    // SIGHUP, as `systemctl reload ssh` sends: it re-executes itself, connections it served stay.
    assertTrue(hosts.ssh(3, "printf '#!/bin/sh\\ntouch /tmp/labc-test-mv-started\\nsleep 2\\nexec /bin/mv \"$@\"\\n' > /usr/local/bin/mv"
        + " && chmod 755 /usr/local/bin/mv && rm -f /tmp/labc-test-mv-started").ok());
    CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> apply(hosts));
    CliRun r;
    boolean reloadedMidStep = false;
    try {
      for (int i = 0; i < 200 && !reloadedMidStep && !running.isDone(); i++) {
        Thread.sleep(50);
        reloadedMidStep = hosts.ssh(3, "test -e /tmp/labc-test-mv-started && kill -HUP 1").ok();
      }
      r = running.get();
    } finally {
      hosts.ssh(3, "rm -f /usr/local/bin/mv /tmp/labc-test-mv-started");
    }
    assertTrue(reloadedMidStep, "host3's sshd got SIGHUP while its write waited in mv");
    assertTrue(java.nio.file.Files.readString(hosts.sshdLog(3)).contains("Received SIGHUP; restarting."), "sshd re-executed");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    for (int i = 1; i <= 3; i++) assertEquals("v5\n", hosts.ssh(i, "cat /etc/labc-banner").stdout(), "host" + i);
    assertTrue(recorded("gpu-2", "/etc/labc-banner").contains("(file, ready)"));
    assertConverges(hosts, "v5");
  }

  @Test
  void aHostWhoseDiskIsFullFailsThatWriteCleanlyAndTheNextApplyFinishesAfterSpaceIsFreed(TestbedHosts hosts) throws Exception {
    ApplyOnTestbedTest.dir = dir;
    converge(hosts, "v1");
    assertEquals(0, apply(hosts).exitCode());
    // 64 KiB of disk under /srv/full on host3 (gpu-2) only, in that host's mount namespace.
    var mounted = hosts.ssh(3, "mkdir -p /srv/full && mount -t tmpfs -o size=64k tmpfs /srv/full && df -k /srv/full");
    assertTrue(mounted.ok(), mounted.toString());
    try {
      String big = "0123456789abcdef".repeat(100 * 1024 / 16); // 100 KiB: larger than the disk
      ApplyOnTestbedTest.writeLab(hosts, 3, "file banner {\n  path = \"/etc/labc-banner\"\n  content = \"v1\\n\"\n}\n"
          + "file big {\n  path = \"/srv/full/big\"\n  content = \"" + big + "\"\n}\n");
      CliRun r = apply(hosts);
      assertEquals(1, r.exitCode(), r.out() + r.err());
      assertTrue(r.out().matches("(?s).*gpu-2 +0 done, 1 failed.*failed node\\.gpu-2\\.file\\[\"/srv/full/big\"\\]: exit \\d+: [^\\n]*No space left on device.*"), r.out() + r.err());
      assertTrue(r.out().contains("Apply incomplete: 2 done, 1 failed"), r.out());
      System.out.println("FaultsMidApplyTest disk full: " + r.out().lines().filter(l -> l.contains("failed node.gpu-2")).findFirst().orElse("?").strip());
      for (int i = 1; i <= 2; i++) assertEquals(big, hosts.ssh(i, "cat /srv/full/big").stdout(), "host" + i + " finished");
      // Nothing half-written: neither the file nor its temporary name; the disk is empty again.
      assertEquals("", hosts.ssh(3, "ls -A /srv/full").stdout());
      assertEquals("0", hosts.ssh(3, "df -k --output=used /srv/full | tail -1").stdout().strip());
      // State: the step started, so it is recorded as unsure (tainted), never as done.
      assertTrue(recorded("gpu-2", "/srv/full/big").contains("(file, tainted)"), recorded("gpu-2", "/srv/full/big"));
      CliRun list = CliRun.run("state", "list", ApplyOnTestbedTest.lab().toString());
      assertTrue(list.out().contains("node.gpu-2.file[\"/srv/full/big\"]  (tainted: an apply did not finish it)"), list.out() + list.err());
      assertTrue(list.out().contains("node.gpu-1.file[\"/srv/full/big\"]\n"), list.out());
      // Free space; the next apply writes it.
      assertTrue(hosts.ssh(3, "mount -o remount,size=1m /srv/full").ok());
      CliRun again = apply(hosts);
      assertEquals(0, again.exitCode(), again.out() + again.err());
      assertTrue(again.out().contains("Apply complete: 1 done"), "only the missed write remains: " + again.out());
      assertEquals(big, hosts.ssh(3, "cat /srv/full/big").stdout());
      assertTrue(recorded("gpu-2", "/srv/full/big").contains("(file, ready)"));
      CliRun plan = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", ApplyOnTestbedTest.lab().toString()));
      assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    } finally {
      hosts.ssh(3, "umount /srv/full");
    }
  }
}
