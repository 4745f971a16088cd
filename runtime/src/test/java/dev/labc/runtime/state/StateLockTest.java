package dev.labc.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondAcquireIsRefusedNamingTheHolderUntilTheFirstIsClosed() {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    try (StateLock first = store.lock("apply")) {
      StateLockedException e = assertThrows(StateLockedException.class, () -> store.lock("apply"));
      assertEquals(first.info(), e.holder());
      assertTrue(e.getMessage().contains("lock id " + first.info().id()), e.getMessage());
      assertTrue(e.hint().contains("labc force-unlock " + first.info().id()), e.hint());
      assertEquals(Optional.of(first.info()), store.currentLock());
    }
    assertEquals(Optional.empty(), store.currentLock());
    try (StateLock again = store.lock("apply")) {
      assertEquals("apply", again.info().operation());
      assertEquals(ProcessHandle.current().pid(), again.info().pid());
    }
  }

  /**
   * Two labc started together on a lab with no state yet both create the repository: each must end
   * either holding the lock or refused by name, never failing on the other's half-made repository.
   */
  @Test
  void manyTakersOfAStoreNotYetCreatedEndLockedOrRefused() throws Exception {
    for (int round = 0; round < 20; round++) {
      Path dir = tmp.resolve("round" + round).resolve(".labstate");
      int takers = 6;
      var start = new java.util.concurrent.CountDownLatch(1);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(takers);
      try {
        var outcomes = new ArrayList<java.util.concurrent.Future<String>>();
        for (int i = 0; i < takers; i++) {
          outcomes.add(pool.submit(() -> {
            start.await();
            GitStateStore store = GitStateStore.local(dir);
            try {
              StateLock lock = store.lock("apply");
              return "ACQUIRED";
            } catch (StateLockedException e) {
              return "LOCKED";
            }
          }));
        }
        start.countDown();
        int acquired = 0;
        for (var outcome : outcomes) {
          String o = outcome.get(60, TimeUnit.SECONDS); // an exception here fails the test with its cause
          if (o.equals("ACQUIRED")) acquired++;
        }
        assertEquals(1, acquired, "round " + round + ": exactly one taker holds the lock");
        assertTrue(GitStateStore.local(dir).currentLock().isPresent());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void forceUnlockClearsALeftoverLockOnlyWithItsId() {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    StateLock crashed = store.lock("apply"); // never closed: the holder "crashed"
    StateStoreException wrong = assertThrows(StateStoreException.class, () -> store.forceUnlock("not-the-id"));
    assertTrue(wrong.getMessage().contains("does not match the current lock " + crashed.info().id()), wrong.getMessage());
    assertTrue(store.currentLock().isPresent());
    store.forceUnlock(crashed.info().id());
    assertEquals(Optional.empty(), store.currentLock());
    assertThrows(StateStoreException.class, () -> store.forceUnlock(crashed.info().id()), "nothing left to unlock");
    try (StateLock next = store.lock("apply")) {
      assertTrue(store.currentLock().isPresent());
    }
  }

  @Test
  void twoProcessesOnOneRepositoryExcludeEachOther() throws Exception {
    Path dir = tmp.resolve(".labstate");
    GitStateStore store = GitStateStore.local(dir);
    try (StateLock mine = store.lock("apply")) {
      Probe other = Probe.start("try", dir.toString());
      assertEquals(3, other.exitCode(), other.output());
      assertEquals("LOCKED " + mine.info().id() + " " + ProcessHandle.current().pid(), other.firstLine());
    }
    Probe holder = Probe.start("hold", dir.toString());
    String[] acquired = holder.firstLine().split(" ");
    assertEquals("ACQUIRED", acquired[0]);
    StateLockedException e = assertThrows(StateLockedException.class, () -> store.lock("apply"));
    assertEquals(acquired[1], e.holder().id());
    assertEquals(Long.parseLong(acquired[2]), e.holder().pid());
    holder.release();
    assertEquals(0, holder.exitCode(), holder.output());
    store.lock("apply").close();
  }

  @Test
  void twoClonesOfABareRemoteExcludeEachOther() throws Exception {
    String url = GitRepos.bareRemote(tmp.resolve("remote.git"));
    GitStateStore alice = GitStateStore.remote(tmp.resolve("alice"), url, "main");
    alice.write(GitStateStoreTest.sample(alice.read().state()).nextSerial(), "first");
    try (StateLock mine = alice.lock("apply")) {
      Probe bob = Probe.start("try", tmp.resolve("bob").toString(), url);
      assertEquals(3, bob.exitCode(), bob.output());
      assertEquals("LOCKED " + mine.info().id() + " " + ProcessHandle.current().pid(), bob.firstLine());
    }
    Probe bob = Probe.start("hold", tmp.resolve("bob").toString(), url);
    String[] acquired = bob.firstLine().split(" ");
    assertEquals("ACQUIRED", acquired[0], bob.output());
    StateLockedException e = assertThrows(StateLockedException.class, () -> alice.lock("apply"));
    assertEquals(acquired[1], e.holder().id());
    assertTrue(e.getMessage().contains("on the remote"), e.getMessage());
    assertEquals(Optional.empty(), StateLock.current(GitStateStore.local(tmp.resolve("alice"))),
        "a refused remote acquire leaves no local lock behind");
    bob.release();
    assertEquals(0, bob.exitCode(), bob.output());
    alice.lock("apply").close();
  }

  @Test
  void forceUnlockClearsALeftoverLockOnTheRemote() throws Exception {
    String url = GitRepos.bareRemote(tmp.resolve("remote.git"));
    GitStateStore alice = GitStateStore.remote(tmp.resolve("alice"), url, "main");
    GitStateStore bob = GitStateStore.remote(tmp.resolve("bob"), url, "main");
    StateLock crashed = alice.lock("apply");
    assertEquals(Optional.of(crashed.info()), bob.currentLock());
    bob.forceUnlock(crashed.info().id());
    assertEquals(Optional.empty(), bob.currentLock());
    bob.lock("apply").close();
  }

  /** A second JVM running {@link LockProbe} from the test class path. */
  private static final class Probe {
    final Process process;
    final BufferedReader out;
    final List<String> lines = new ArrayList<>();

    private Probe(Process process) {
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Probe start(String... args) throws Exception {
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), LockProbe.class.getName()));
      cmd.addAll(List.of(args));
      return new Probe(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    String firstLine() throws Exception {
      if (lines.isEmpty()) {
        lines.add(out.readLine());
      }
      return lines.getFirst();
    }

    String output() {
      return String.join("\n", lines);
    }

    void release() throws Exception {
      process.getOutputStream().close();
    }

    int exitCode() throws Exception {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("lock probe did not finish");
      }
      firstLine();
      for (String line; (line = out.readLine()) != null; ) {
        lines.add(line);
      }
      return process.exitValue();
    }
  }
}
