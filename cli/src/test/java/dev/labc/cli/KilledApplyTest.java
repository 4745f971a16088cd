package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.runtime.apply.DriftCheck;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.runtime.transport.DialAllowList;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.SshOptions;
import dev.labc.runtime.transport.SshTransport;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real `labc apply` process at {@value #ROUNDS} seeded kill points (a number of state
 * commits to wait for, 0 meaning "once the plan is printed", then a delay): after each kill the git
 * state is readable and every resource it records holds on its host, except a step the host finished
 * and the dead process had not recorded yet, which must then hold its new declared value (the
 * window between the host's answer and the commit); the lock the dead process left names it and is
 * cleared with force-unlock; a re-apply converges with nothing duplicated. Reproduce a run with
 * {@code -Dlabc.killSeed=SEED} (printed with every failure).
 */
@Testbed(hosts = 3, hostsProperty = "labc.kill.hosts")
class KilledApplyTest {
  static final int ROUNDS = Integer.getInteger("labc.killRounds", 20);
  static final long SEED = Long.getLong("labc.killSeed", 11L);
  /** 3 in CI (each kill point costs a JVM start); `-Dlabc.kill.hosts=20` for the 20-host plan. */
  static final int HOSTS = Integer.getInteger("labc.kill.hosts", 3);
  @TempDir Path dir;

  Process startApply(TestbedHosts hosts, Path lab, Path log) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    var cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.labc.cli.Main"));
    // One host at a time, so every host's batch is a separate commit to kill around.
    cmd.addAll(List.of(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", "--parallelism", "1", lab.toString())));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** State commits so far, from the branch's reflog (every write adds one "labc: state write" line). */
  long commits() throws Exception {
    Path reflog = dir.resolve(".labstate/.git/logs/refs/heads/main");
    if (!Files.exists(reflog)) return 0;
    return Files.readAllLines(reflog, StandardCharsets.ISO_8859_1).stream().filter(l -> l.contains("labc: state write")).count();
  }

  @Test
  void stateStaysTrueToWhatWasDoneAcrossSeededKillsAndAReapplyConverges(TestbedHosts hosts) throws Exception {
    ApplyOnTestbedTest.dir = dir;
    Path lab = dir.resolve("cluster.lab");
    var store = GitStateStore.besideLabFile(lab);
    var options = new SshOptions(List.of(hosts.knownHosts()), SshOptions.HostKeyPolicy.STRICT, List.of(hosts.clientKey()),
        Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(15), Optional.empty(), DialAllowList.parse("127.0.0.0/8"));
    var endpoints = new TreeMap<String, HostEndpoint>();
    endpoints.put("head", HostEndpoint.root("head", hosts.host(1).address()));
    for (int i = 2; i <= HOSTS; i++) endpoints.put("gpu-" + (i - 1), HostEndpoint.root("gpu-" + (i - 1), hosts.host(i).address()));
    var random = new Random(SEED);
    int killed = 0, partial = 0, unrecorded = 0, locksCleared = 0, raced = 0;
    var points = new ArrayList<String>();
    for (int round = 0; round < ROUNDS; round++) {
      int afterCommits = random.nextInt(HOSTS + 1);
      int delayMillis = random.nextInt(250);
      String where = "seed " + SEED + " round " + round + " (kill " + delayMillis + " ms after " + (afterCommits == 0 ? "the plan is printed" : afterCommits + " commit(s)") + ")";
      // Each round changes what is declared on every host so there is work to interrupt.
      ApplyOnTestbedTest.writeLab(hosts, HOSTS, "file round {\n  path = \"/etc/labc-round\"\n  content = \"round " + round + "\\n\"\n}\n");
      var before = store.read().state();
      long commitsBefore = commits();
      Path log = dir.resolve("apply-" + round + ".log");
      Process apply = startApply(hosts, lab, log);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (apply.isAlive() && System.nanoTime() < deadline
          && (afterCommits == 0 ? !Files.readString(log).contains("Plan: ") : commits() - commitsBefore < afterCommits)) Thread.sleep(2);
      boolean finished = apply.waitFor(delayMillis, TimeUnit.MILLISECONDS);
      if (!finished) {
        apply.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no finally
        killed++;
      }
      long recorded = commits() - commitsBefore;
      points.add(round + ":" + afterCommits + "c+" + delayMillis + "ms->" + (finished ? "finished" : recorded + "/" + HOSTS + " commits"));

      var state = store.read().state(); // readable: never a half-written state
      if (!finished && recorded > 0 && recorded < HOSTS) partial++;
      try (var transport = new SshTransport(options)) {
        var drift = DriftCheck.run(state, endpoints, transport, Duration.ofSeconds(30));
        assertEquals(Map.of(), drift.unreachable(), where);
        for (ResourceAddr addr : drift.drifted()) {
          // Only a step of this apply may differ from state, and only because the host did it: its
          // new declared value holds there (the re-apply's refresh finds it and records it).
          assertTrue(!finished && "/etc/labc-round".equals(addr.key()), where + ": " + addr + " differs from state although this apply did not change it");
          var r = hosts.ssh(hostIndex(addr, hosts), "cat /etc/labc-round");
          assertEquals("round " + round + "\n", r.stdout(), where + ": " + addr + " differs from state and is not the new value either");
          unrecorded++;
        }
      }
      var lock = store.currentLock();
      if (!finished && lock.isPresent()) {
        assertEquals(apply.pid(), lock.get().pid(), where + ": the lock names the killed process");
        if (round % 5 == 0) {
          CliRun refused = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
          assertEquals(1, refused.exitCode(), where);
          assertTrue(refused.err().contains(lock.get().id()) && refused.err().contains("pid " + apply.pid()), where + ": " + refused.err());
        }
        assertEquals(0, CliRun.run("force-unlock", lab.toString(), lock.get().id()).exitCode(), where);
        locksCleared++;
      }
      CliRun again = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
      String first = "";
      if (!finished && again.exitCode() == 1 && again.out().matches("(?s).*failed node\\.[a-z0-9-]+\\.file\\[\"/etc/labc-round\"\\]: changed on the host since the plan was made.*")
          && !again.out().matches("(?s).*failed node\\.[^\\n]*\\]: (?!changed on the host since the plan was made).*")) {
        // The killed process's last script was still running on a host (sshd does not stop it when
        // the client dies) and finished between this apply's refresh and its precondition check:
        // the step is refused, nothing is recorded wrongly, and the next apply converges.
        raced++;
        first = again.out();
        again = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
      }
      assertEquals(0, again.exitCode(), where + ": " + again.out() + again.err() + "\nfirst re-apply:\n" + first + "\nkilled apply:\n" + Files.readString(log));
      // The next round's drift check is the convergence check; a full refreshed plan every few rounds (CI time).
      if (round % 4 == 3 || round == ROUNDS - 1) {
        CliRun plan = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
        assertEquals(0, plan.exitCode(), where + ": " + plan.out() + plan.err());
      }
    }
    System.out.println("KilledApplyTest seed " + SEED + ": " + ROUNDS + " rounds, " + killed + " killed mid-apply, " + partial
        + " between commits, " + unrecorded + " steps done but unrecorded at the kill, " + locksCleared + " stale locks cleared, " + raced
        + " re-applies that met the killed apply's still-running remote script; " + points);
    assertTrue(killed >= ROUNDS / 2, "most kills landed during an apply (" + killed + "): " + points);
    assertTrue(partial >= 3, "several kills landed between recorded batches (" + partial + "): " + points);
    for (int i = 1; i <= HOSTS; i++) {
      var r = hosts.ssh(i, "grep -c '^# BEGIN labc hosts$' /etc/hosts; grep -c '^alice:' /etc/passwd; grep -c '^research:' /etc/group;"
          + " sort /etc/fstab | uniq -d | wc -l; sort /etc/hosts | uniq -d | wc -l; ls -A /etc | grep -c '[.]labc-tmp$'; cat /etc/labc-round");
      assertEquals("1\n1\n1\n0\n0\n0\nround " + (ROUNDS - 1) + "\n", r.stdout(), "host" + i + ": nothing duplicated, no temporary file left");
    }
  }

  static int hostIndex(ResourceAddr addr, TestbedHosts hosts) {
    String n = addr.scope().name();
    return n.equals("head") ? 1 : Integer.parseInt(n.substring("gpu-".length())) + 1;
  }
}
