package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.runtime.apply.DriftCheck;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.runtime.transport.DialAllowList;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.SshOptions;
import dev.labc.runtime.transport.SshTransport;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real `labc apply` process at several points: after each kill the git state is
 * readable and every resource it records holds on its host (state is true to what was done), the
 * lock the dead process left is named and cleared with force-unlock, and a re-apply converges
 * without duplicating anything.
 */
@Testbed(hosts = 5)
class KilledApplyTest {
  @TempDir Path dir;

  Process startApply(TestbedHosts hosts, Path lab) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    var cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.labc.cli.Main"));
    cmd.addAll(List.of(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString())));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("apply.log").toFile()).start();
  }

  @Test
  void stateStaysTrueToWhatWasDoneAcrossKillsAndAReapplyConverges(TestbedHosts hosts) throws Exception {
    ApplyOnTestbedTest.dir = dir;
    Path lab = dir.resolve("cluster.lab");
    var store = GitStateStore.besideLabFile(lab);
    var options = new SshOptions(List.of(hosts.knownHosts()), SshOptions.HostKeyPolicy.STRICT, List.of(hosts.clientKey()),
        Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(15), Optional.empty(), DialAllowList.parse("127.0.0.0/8"));
    var endpoints = new TreeMap<String, HostEndpoint>();
    endpoints.put("head", HostEndpoint.root("head", hosts.host(1).address()));
    for (int i = 2; i <= 5; i++) endpoints.put("gpu-" + (i - 1), HostEndpoint.root("gpu-" + (i - 1), hosts.host(i).address()));
    int[] killAfterMillis = {0, 40, 120, 250, 400};
    int killedMidway = 0;
    int partial = 0; // kills after some steps were recorded and before all were
    for (int round = 0; round < killAfterMillis.length; round++) {
      // Each round changes what is declared so there is work to interrupt.
      ApplyOnTestbedTest.writeLab(hosts, 5, "file round {\n  path = \"/etc/labc-round\"\n  content = \"round " + round + "\\n\"\n}\n");
      for (int i = 2; i <= 5; i++) hosts.slow(i, 120);
      long serialBefore = store.read().state().serial();
      Process apply = startApply(hosts, lab);
      // Kill at a point after the first batch was committed (the fast host's), a different delay each round.
      Path ref = dir.resolve(".labstate/.git/refs/heads/main");
      String tip = Files.exists(ref) ? Files.readString(ref) : "";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (apply.isAlive() && System.nanoTime() < deadline && (Files.exists(ref) ? Files.readString(ref) : "").equals(tip)) Thread.sleep(5);
      boolean finished = apply.waitFor(killAfterMillis[round], TimeUnit.MILLISECONDS);
      if (!finished) {
        apply.destroyForcibly().waitFor();
        killedMidway++;
      }
      for (int i = 2; i <= 5; i++) hosts.slow(i, 0);

      var state = store.read().state(); // readable: never a half-written state
      if (!finished && state.serial() > serialBefore
          && CliRun.run("plan", "--refresh=false", "--detailed-exitcode", lab.toString()).exitCode() == 2) partial++;
      try (var transport = new SshTransport(options)) {
        var drift = DriftCheck.run(state, endpoints, transport, Duration.ofSeconds(30));
        assertEquals(Map.of(), drift.unreachable());
        assertEquals(List.of(), List.copyOf(drift.drifted()), "round " + round + ": every recorded resource holds on its host");
      }
      var lock = store.currentLock();
      if (!finished && lock.isPresent()) {
        CliRun refused = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains(lock.get().id()) || refused.err().contains(lock.get().who()), refused.err());
        assertEquals(0, CliRun.run("force-unlock", lab.toString(), lock.get().id()).exitCode());
      }
      CliRun again = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
      assertEquals(0, again.exitCode(), again.out() + again.err());
      CliRun plan = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
      assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    }
    assertTrue(killedMidway >= 2, "at least two kills landed during an apply (" + killedMidway + ")");
    assertTrue(partial >= 1, "at least one kill landed between recorded steps (" + partial + ")");
    for (int i = 1; i <= 5; i++) {
      var r = hosts.ssh(i, "grep -c '^# BEGIN labc hosts$' /etc/hosts; grep -c '^alice:' /etc/passwd; grep -c '^research:' /etc/group; cat /etc/labc-round");
      assertEquals("1\n1\n1\nround " + (killAfterMillis.length - 1) + "\n", r.stdout(), "host" + i + ": nothing duplicated");
    }
  }
}
