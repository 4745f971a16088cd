package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.runtime.state.GitStateStore;
import dev.labc.runtime.state.StateCommit;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `labc apply` processes (separate JVMs) on one state: in the same directory, and in two
 * directories whose state is a clone of one shared bare remote (LABC_STATE_REPO). Exactly one
 * applies; the other is refused naming the holder and changes nothing; the history is one linear
 * run of serials with nothing lost. And an apply whose state moved between its plan and its lock
 * is refused as stale instead of applying a plan made against an older state.
 */
@Testbed(hosts = 3)
class ConcurrentApplyTest {
  @TempDir Path dir;

  record Run(Process process, Path log) {
    int exit() throws Exception {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("apply did not finish: " + Files.readString(log));
      }
      return process.exitValue();
    }

    String output() throws Exception {
      return Files.readString(log);
    }
  }

  static Run start(TestbedHosts hosts, Path lab, Map<String, String> env, String name) throws Exception {
    return start(hosts, lab, env, name, "apply", "--auto-approve");
  }

  static Run start(TestbedHosts hosts, Path lab, Map<String, String> env, String name, String... command) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    var cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.labc.cli.Main"));
    var args = new ArrayList<>(List.of(command));
    args.add(lab.toString());
    cmd.addAll(List.of(ApplyOnTestbedTest.ssh(hosts, args.toArray(String[]::new))));
    Path log = lab.getParent().resolve(name + ".log");
    var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new Run(pb.start(), log);
  }

  static String lab(TestbedHosts hosts, String marker) {
    var sb = new StringBuilder();
    for (int i = 1; i <= hosts.size(); i++) sb.append("node n").append(i).append(" {\n  address = ").append(hosts.host(i).address()).append("\n}\n");
    sb.append("user alice {\n  uid = 1001\n}\n");
    sb.append("file marker {\n  path = \"/etc/labc-concurrent\"\n  content = \"").append(marker).append("\\n\"\n}\n");
    return sb.toString();
  }

  /** Both start together; the one that takes the lock applies, the other is refused naming it. */
  void exactlyOneApplies(TestbedHosts hosts, Path labA, Path labB, Map<String, String> env, GitStateStore store, String where) throws Exception {
    assertTrue(hosts.ssh(1, "rm -f /etc/labc-concurrent").ok() && hosts.ssh(2, "rm -f /etc/labc-concurrent").ok() && hosts.ssh(3, "rm -f /etc/labc-concurrent").ok());
    int commitsBefore = store.history().size();
    // Slow hosts keep the winner inside its lock for seconds while the loser gets there.
    for (int i = 1; i <= hosts.size(); i++) hosts.slow(i, 150);
    Run a, b;
    try {
      a = start(hosts, labA, env, "a");
      b = start(hosts, labB, env, "b");
      a.exit();
      b.exit();
    } finally {
      for (int i = 1; i <= hosts.size(); i++) hosts.slow(i, 0);
    }
    int ea = a.process().exitValue(), eb = b.process().exitValue();
    assertEquals(1, (ea == 0 ? 1 : 0) + (eb == 0 ? 1 : 0), "exactly one applies:\nA " + ea + "\n" + a.output() + "\nB " + eb + "\n" + b.output());
    Run winner = ea == 0 ? a : b, loser = ea == 0 ? b : a;
    String loserOutput = loser.output();
    assertEquals(1, loser.process().exitValue(), () -> "the loser is refused, not crashed: " + loserOutput);
    String refused = loser.output();
    assertTrue(refused.contains("state is locked" + where) && refused.contains("(pid " + winner.process().pid() + ", apply "),
        "the refusal names the holder (pid " + winner.process().pid() + "): " + refused);
    assertTrue(refused.contains("labc force-unlock "), refused);
    assertFalse(refused.contains("Apply complete") || refused.contains("Apply incomplete"), "the loser applied nothing: " + refused);
    assertTrue(winner.output().contains("Apply complete"), winner.output());

    List<StateCommit> history = store.history();
    for (int i = 0; i + 1 < history.size(); i++) {
      assertEquals(history.get(i + 1).serial() + 1, history.get(i).serial(), "one linear run of serials: " + history);
    }
    // Each host batch of the winner is recorded twice: marked tainted before it runs, ready after.
    // Hosts finishing together share a commit ("apply: 2 starting, 1 finished, on 3 hosts").
    int starting = 0, finished = 0;
    for (StateCommit c : history.subList(0, history.size() - commitsBefore)) {
      var grouped = java.util.regex.Pattern.compile("apply: (\\d+) starting, (\\d+) finished, on \\d+ hosts?").matcher(c.subject());
      if (grouped.matches()) {
        starting += Integer.parseInt(grouped.group(1));
        finished += Integer.parseInt(grouped.group(2));
      } else if (c.subject().contains(": starting ")) {
        starting++;
      } else {
        finished++;
      }
    }
    assertEquals(hosts.size(), starting, "one start recorded per host batch of the winner, none lost or doubled: " + history);
    assertEquals(hosts.size(), finished, "one completion recorded per host batch of the winner: " + history);
    for (int i = 1; i <= hosts.size(); i++) assertEquals("one\n", hosts.ssh(i, "cat /etc/labc-concurrent").stdout());
    // In a separate JVM too, so that LABC_STATE_REPO applies to it.
    Run plan = start(hosts, labA, env, "plan", "plan", "--detailed-exitcode");
    assertEquals(0, plan.exit(), "state holds exactly what the winner did: " + plan.output());
  }

  @Test
  void twoProcessesInOneDirectory(TestbedHosts hosts) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, lab(hosts, "one"));
    exactlyOneApplies(hosts, lab, lab, Map.of(), GitStateStore.besideLabFile(lab), " in ");
  }

  @Test
  void twoClonesOfOneSharedRemote(TestbedHosts hosts) throws Exception {
    Path remote = dir.resolve("remote.git");
    try (var git = org.eclipse.jgit.api.Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call()) {
      // an empty bare repository: the first writer creates the branch
    }
    Path labA = Files.createDirectories(dir.resolve("alice")).resolve("cluster.lab");
    Path labB = Files.createDirectories(dir.resolve("bob")).resolve("cluster.lab");
    Files.writeString(labA, lab(hosts, "one"));
    Files.writeString(labB, lab(hosts, "one"));
    String url = remote.toUri().toString();
    var store = GitStateStore.remote(dir.resolve("observer"), url, "main");
    exactlyOneApplies(hosts, labA, labB, Map.of("LABC_STATE_REPO", url), store, " on the remote ");
  }

  @Test
  void anApplyWhoseStateMovedBetweenItsPlanAndItsLockIsRefusedAsStale(TestbedHosts hosts) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, lab(hosts, "one"));
    assertEquals(0, CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString())).exitCode());
    Files.writeString(lab, lab(hosts, "two"));
    var store = GitStateStore.besideLabFile(lab);
    long serial = store.read().state().serial();
    // The refresh of a slow host keeps the second apply in its plan for seconds, without the lock.
    hosts.slow(3, 400);
    Run late;
    try {
      long connections = ApplyOnTestbedTest.connections(hosts, 3);
      late = start(hosts, lab, Map.of(), "late");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ApplyOnTestbedTest.connections(hosts, 3) == connections && System.nanoTime() < deadline) Thread.sleep(20);
      assertTrue(late.process().isAlive(), "still refreshing: " + late.output());
      // Meanwhile another operator changes the state (any locked write will do).
      CliRun rm = CliRun.run("state", "rm", lab.toString(), "node.n1.user[\"alice\"]");
      assertEquals(0, rm.exitCode(), rm.err());
      assertEquals(0, late.exit() == 0 ? 1 : 0, "refused: " + late.output());
    } finally {
      hosts.slow(3, 0);
    }
    String out = late.output();
    assertTrue(out.contains("state moved") && out.contains("since the plan was made"), out);
    assertFalse(out.contains("internal error"), out);
    for (int i = 1; i <= hosts.size(); i++) assertEquals("one\n", hosts.ssh(i, "cat /etc/labc-concurrent").stdout(), "nothing applied on host" + i);
    assertEquals(serial + 1, store.read().state().serial(), "only the other operator's write is in state");
    assertTrue(store.currentLock().isEmpty(), "the refused apply released its lock");
    CliRun again = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, again.exitCode(), again.out() + again.err());
    for (int i = 1; i <= hosts.size(); i++) assertEquals("two\n", hosts.ssh(i, "cat /etc/labc-concurrent").stdout());
  }
}
