package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.plan.PlanCodec;
import dev.labc.planner.AppliedChange;
import dev.labc.runtime.state.GitStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** labc state ..., force-unlock and the lock that refuses a second apply, on a real .labstate repository. */
class StateCommandsTest {
  static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();

  /** The closet example with its whole first plan recorded in state, as a successful apply leaves it. */
  static Path recorded(Path dir) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.copy(ROOT.resolve("examples/closet-cluster/cluster.lab"), lab);
    Path saved = dir.resolve("first.plan");
    assertEquals(0, CliRun.runExample("plan", "-out", saved.toString(), lab.toString()).exitCode());
    var plan = PlanCodec.decode(Files.readString(saved), saved.toString());
    var store = GitStateStore.besideLabFile(lab);
    var state = AppliedChange.recordAll(store.read().state(), plan.changes());
    store.write(state.nextSerial(), "apply: recorded by the test");
    return lab;
  }

  @Test
  void listShowHistoryRmMvAndTheNoOpPlanAfterRecording(@TempDir Path dir) throws Exception {
    Path lab = recorded(dir);
    Path key = dir.resolve("id_ed25519");
    assertEquals(0, new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).start().waitFor());
    // No host is contacted: refresh of 10.0.1.x is refused by the dial allow-list. Hosts that could
    // not be asked are never "No changes" (issue 20): the plan names them and exits 1.
    CliRun plan = CliRun.runExample("plan", "--detailed-exitcode", "-i", key.toString(), lab.toString());
    assertEquals(1, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.err().contains("LABC_DIAL_ALLOW") && plan.err().contains("error: not refreshed: gpu-1"), plan.err());
    assertFalse(plan.out().contains("No changes"), plan.out());
    assertTrue(plan.out().contains("could not be compared on 4 hosts (gpu-1, gpu-2, gpu-3, head)"), plan.out());
    CliRun noKey = CliRun.runExample("plan", "--detailed-exitcode", "-i", dir.resolve("missing").toString(), lab.toString());
    assertEquals(1, noKey.exitCode(), noKey.err());
    CliRun fromState = CliRun.runExample("plan", "--detailed-exitcode", "--refresh=false", lab.toString());
    assertEquals(0, fromState.exitCode(), "recording the plan leaves nothing to do: " + fromState.out() + fromState.err());

    CliRun list = CliRun.run("state", "list", lab.toString());
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("node.gpu-1.user[\"alice\"]\n"), list.out());
    assertEquals(88, list.out().lines().count()); // the example's resources, one endpoint per node, Slurm's daemons, slurm-client on each worker and cgroup.conf, MUNGE keys, the homes on the NFS server and each GPU node's gpu step among them

    CliRun show = CliRun.run("state", "show", lab.toString(), "node.gpu-1.command[\"tailscale-up\"]");
    assertEquals(0, show.exitCode(), show.err());
    assertTrue(show.out().contains("env = ") && show.out().contains("(secret)"), show.out());

    assertEquals(0, CliRun.run("state", "mv", lab.toString(), "node.gpu-1.user[\"bob\"]", "node.gpu-1.user[\"robert\"]").exitCode());
    assertEquals(0, CliRun.run("state", "rm", lab.toString(), "node.gpu-1.user[\"robert\"]").exitCode());
    CliRun replan = CliRun.runExample("plan", "--refresh=false", lab.toString());
    assertTrue(replan.out().contains("+   node.gpu-1.user[\"bob\"] (user)") && replan.out().contains("Plan: 1 to add, 0 to change, 0 to destroy."), replan.out());

    CliRun history = CliRun.run("state", "history", lab.toString());
    assertEquals(3, history.out().lines().count(), history.out());
    assertTrue(history.out().lines().findFirst().orElseThrow().contains("serial 3"), history.out());

    CliRun bad = CliRun.run("state", "show", lab.toString(), "node.gpu-1.user[bob");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().startsWith("error: not a resource address"), bad.err());
  }

  @Test
  void aSecondApplyIsRefusedNamingTheHolderUntilForceUnlock(@TempDir Path dir) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.copy(ROOT.resolve("examples/closet-cluster/cluster.lab"), lab);
    var store = GitStateStore.besideLabFile(lab);
    String id;
    try (var lock = store.lock("apply by another operator")) {
      id = lock.info().id();
      CliRun apply = CliRun.runExample("apply", "--auto-approve", lab.toString());
      assertEquals(1, apply.exitCode());
      assertTrue(apply.err().contains("apply by another operator"), apply.err());
      assertFalse(apply.out().contains("Apply complete"));
      CliRun wrong = CliRun.run("force-unlock", lab.toString(), "not-the-id");
      assertEquals(1, wrong.exitCode(), wrong.out());
      CliRun right = CliRun.run("force-unlock", lab.toString(), id);
      assertEquals(0, right.exitCode(), right.err());
      assertTrue(store.currentLock().isEmpty());
    }
  }

  @Test
  void aDamagedStateFileIsOneClearErrorNamingTheFileNeverAStackTrace(@TempDir Path dir) throws Exception {
    Path lab = recorded(dir);
    Path meta = dir.resolve(".labstate/state.json");
    Files.writeString(meta, Files.readString(meta).substring(0, 20));
    try (var git = org.eclipse.jgit.api.Git.open(dir.resolve(".labstate").toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("hand edit").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
    }
    for (String[] args : new String[][] {{"plan", lab.toString()}, {"state", "list", lab.toString()}, {"apply", "--auto-approve", lab.toString()}}) {
      CliRun r = CliRun.runExample(args);
      assertEquals(1, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("error: ") && r.err().contains("state.json") && r.err().contains("hint:"), r.err());
      assertFalse(r.err().contains("internal error") || r.err().contains("\tat "), r.err());
    }
  }
}
