package dev.labc.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.state.ResourceState;
import dev.labc.state.State;
import dev.labc.state.StateRef;
import dev.labc.state.Value;
import dev.labc.state.file.StateFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitStateStoreTest {
  static final ResourceAddr EXPORTS = ResourceAddr.parse("node.gpu-07.file[\"/etc/exports\"]");
  static final ResourceAddr HOSTNAME = ResourceAddr.parse("node.head.hostname");
  static final ResourceAddr CHART = ResourceAddr.parse("cluster.rke2.chart[\"gpu-operator\"]");

  @TempDir Path tmp;

  @Test
  void aMissingRepositoryReadsAsEmptyAndIsNotCreatedByReading() {
    GitStateStore store = GitStateStore.besideLabFile(tmp.resolve("cluster.lab"));
    StateSnapshot snap = store.read();
    assertTrue(snap.state().isEmpty());
    assertEquals(Optional.empty(), snap.ref().commitId());
    assertFalse(Files.exists(tmp.resolve(".labstate")));
    assertEquals(List.of(), store.history());
  }

  @Test
  void gitLockFilesLeftByAKilledLabcAreClearedOnceTheStateLockIsOurs() throws Exception {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    State first = sample(store.read().state()).nextSerial();
    store.write(first, "apply: first");
    Path git = tmp.resolve(".labstate/.git");
    Files.writeString(git.resolve("HEAD.lock"), "");
    Files.writeString(git.resolve("index.lock"), "");
    Files.writeString(git.resolve("refs/heads/main.lock"), "");
    try (StateLock lock = store.lock("apply")) {
      store.write(first.without(HOSTNAME).nextSerial(), "apply: second");
    }
    assertEquals(2, store.read().state().serial());
    assertFalse(Files.exists(git.resolve("index.lock")));
  }

  @Test
  void aLockHalfTakenByAKilledLabcIsClearedAndALiveOnesIsNot() throws Exception {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    store.write(sample(store.read().state()).nextSerial(), "apply: first");
    Path refLock = tmp.resolve(".labstate/.git/" + GitStateStore.LOCK_REF + ".lock");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    LockInfo mine = LockInfo.forThisProcess("apply", "test");
    // What a labc killed between writing refs/labc/lock.lock and renaming it leaves behind.
    Files.createDirectories(refLock.getParent());
    Files.writeString(refLock, lockCommit(store, new LockInfo("x", mine.who(), gone.pid(), "apply", "test", mine.created())).name() + "\n");
    try (StateLock lock = store.lock("apply")) {
      assertEquals(ProcessHandle.current().pid(), lock.info().pid());
    }
    // A process that is still alive may be between those two steps right now: its file stays.
    Files.writeString(refLock, lockCommit(store, mine).name() + "\n");
    var e = assertThrows(StateStoreException.class, () -> store.lock("apply"));
    assertTrue(e.getMessage().contains("cannot take the state lock"), e.getMessage());
    assertTrue(Files.exists(refLock));
  }

  @Test
  void anEmptyRefLockFileLeftByAKillIsClearedWithinSeconds() throws Exception {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    store.write(sample(store.read().state()).nextSerial(), "apply: first");
    Path refLock = tmp.resolve(".labstate/.git/" + GitStateStore.LOCK_REF + ".lock");
    Files.createDirectories(refLock.getParent());
    // Killed after JGit created the file and before it wrote the commit id (or while deleting the
    // ref, which writes nothing): the next labc, started at once, waits a few seconds and takes the lock.
    Files.writeString(refLock, "");
    try (StateLock lock = store.lock("apply")) {
      assertEquals(ProcessHandle.current().pid(), lock.info().pid());
    }
    assertFalse(Files.exists(refLock));
    Files.writeString(refLock, "");
    Files.setLastModifiedTime(refLock, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(30)));
    try (StateLock lock = store.lock("apply")) {
      assertEquals(ProcessHandle.current().pid(), lock.info().pid());
    }
  }

  private static org.eclipse.jgit.lib.ObjectId lockCommit(GitStateStore store, LockInfo info) throws Exception {
    try (var repo = store.open()) {
      return StateLock.insertLockCommit(repo, info);
    }
  }

  @Test
  void writeCommitsPerScopeFilesAndReadGetsTheSameStateBack() throws Exception {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    State written = sample(store.read().state()).nextSerial();
    StateRef ref = store.write(written, "apply: first");
    assertEquals(1, ref.serial());

    StateSnapshot back = store.read();
    assertEquals(written, back.state());
    assertEquals(ref, back.ref());
    assertTrue(Files.isRegularFile(tmp.resolve(".labstate/nodes/gpu-07.json")), "work tree is checked out");
    assertTrue(Files.isRegularFile(tmp.resolve(".labstate/clusters/rke2.json")));
    try (Git git = Git.open(tmp.resolve(".labstate").toFile())) {
      String message = git.log().call().iterator().next().getFullMessage();
      assertTrue(message.startsWith("apply: first\n\nState: 3 added, 0 changed, 0 removed.\n"), message);
      assertTrue(message.contains("+ node.gpu-07.file[\"/etc/exports\"]\n"), message);
      assertTrue(message.contains("Labc-Serial: 1\n"), message);
    }
  }

  /**
   * Successive writes reuse the last write's unchanged scope files; what they commit is still
   * exactly what encoding the whole state gives, also after another store moved the state on.
   */
  @Test
  void successiveWritesCommitTheSameFilesAsAFullEncodeEvenAfterAnotherWriter() throws Exception {
    Path dir = tmp.resolve(".labstate");
    GitStateStore store = GitStateStore.local(dir);
    State s1 = sample(store.read().state()).nextSerial();
    store.write(s1, "one");
    SortedMap<String, Value> changed = new TreeMap<>();
    changed.put("name", Value.of("head-2"));
    State s2 = s1.with(ResourceState.of(HOSTNAME, "std.os.hostname", changed)).nextSerial();
    store.write(s2, "two");
    assertFilesAre(dir, s2);
    // Another labc (another store on the same directory) writes; this store's memory is stale.
    State s3 = GitStateStore.local(dir).read().state().without(EXPORTS).nextSerial();
    GitStateStore.local(dir).write(s3, "three, elsewhere");
    State s4 = store.read().state().with(ResourceState.of(EXPORTS, "std.os.file", new TreeMap<>())).nextSerial();
    store.write(s4, "four");
    assertFilesAre(dir, s4);
    assertEquals(s4, GitStateStore.local(dir).read().state());
  }

  /**
   * The /etc/hosts block every node holds is committed once, as a content file; writes that reuse
   * unchanged nodes' files keep it, and the write that drops its last reference removes it from
   * the commit and the work tree.
   */
  @Test
  void aLargeTextSharedByNodesIsCommittedOnceAndLeavesWithItsLastReference() throws Exception {
    Path dir = tmp.resolve(".labstate");
    GitStateStore store = GitStateStore.local(dir);
    String hosts = "10.0.0.1\tgpu-1\n".repeat(400);
    String moreHosts = hosts + "10.0.0.2\tgpu-2\n";
    State s1 = store.read().state();
    for (String node : List.of("a", "b", "c")) s1 = s1.with(hostsOn(node, hosts));
    s1 = s1.nextSerial();
    store.write(s1, "one");
    assertEquals(List.of(contentFile(hosts)), contentFiles(dir));
    assertFilesAre(dir, s1);

    // One node changes; the others' files are reused from the last write, the old text stays.
    State s2 = s1.with(hostsOn("a", moreHosts)).nextSerial();
    store.write(s2, "two");
    assertEquals(List.of(contentFile(hosts), contentFile(moreHosts)).stream().sorted().toList(), contentFiles(dir));
    assertFilesAre(dir, s2);

    State s3 = s2.with(hostsOn("b", moreHosts)).with(hostsOn("c", moreHosts)).nextSerial();
    store.write(s3, "three");
    assertEquals(List.of(contentFile(moreHosts)), contentFiles(dir));
    assertFilesAre(dir, s3);
    try (Git git = Git.open(dir.toFile()); var walk = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
      walk.addTree(git.getRepository().parseCommit(git.getRepository().resolve("HEAD")).getTree());
      walk.setRecursive(true);
      var committed = new java.util.ArrayList<String>();
      while (walk.next()) committed.add(walk.getPathString());
      assertEquals(List.of(contentFile(moreHosts), "nodes/a.json", "nodes/b.json", "nodes/c.json", "state.json"), committed);
    }
    State back = GitStateStore.local(dir).read().state();
    assertEquals(s3, back);
  }

  static ResourceState hostsOn(String node, String content) {
    SortedMap<String, Value> attrs = new TreeMap<>();
    attrs.put("content", Value.of(content));
    return ResourceState.of(ResourceAddr.parse("node." + node + ".block[\"/etc/hosts\"]"), "block", attrs);
  }

  static String contentFile(String text) {
    return dev.labc.state.file.StateCodec.contentFile(dev.labc.state.LargeText.digestIfLarge(text).orElseThrow());
  }

  static List<String> contentFiles(Path dir) throws Exception {
    Path contents = dir.resolve("contents");
    if (!Files.isDirectory(contents)) return List.of();
    try (var list = Files.list(contents)) {
      return list.map(p -> "contents/" + p.getFileName()).sorted().toList();
    }
  }

  static void assertFilesAre(Path dir, State state) throws Exception {
    var want = dev.labc.state.file.StateCodec.encode(state);
    try (var walk = Files.walk(dir)) {
      var got = new TreeMap<String, String>();
      for (Path f : walk.filter(Files::isRegularFile).filter(f -> !dir.relativize(f).toString().startsWith(".git")).toList()) {
        got.put(dir.relativize(f).toString(), Files.readString(f));
      }
      var expected = new TreeMap<String, String>();
      want.forEach((k, v) -> expected.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
      assertEquals(expected, got);
    }
  }

  @Test
  void historyListsOneCommitPerWriteNewestFirst() {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    State s1 = sample(store.read().state()).nextSerial();
    store.write(s1, "apply: one");
    store.write(s1.without(CHART).nextSerial(), "apply: two");
    List<StateCommit> history = store.history();
    assertEquals(List.of(2L, 1L), history.stream().map(StateCommit::serial).toList());
    assertEquals(List.of("apply: two", "apply: one"), history.stream().map(StateCommit::subject).toList());
  }

  @Test
  void rmAndMvRewriteStateUnderTheLock() {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    store.write(sample(store.read().state()).nextSerial(), "apply");
    store.remove(CHART);
    assertEquals(List.of(EXPORTS, HOSTNAME), store.list());
    ResourceAddr moved = ResourceAddr.parse("node.gpu-08.file[\"/etc/exports\"]");
    store.move(EXPORTS, moved);
    assertEquals(List.of(moved, HOSTNAME), store.list());
    assertEquals(moved, store.show(moved).orElseThrow().addr());
    assertEquals(3, store.read().state().serial());
    assertEquals(Optional.empty(), store.currentLock(), "rm and mv release the lock");
    StateStoreException e = assertThrows(StateStoreException.class, () -> store.remove(CHART));
    assertTrue(e.getMessage().contains("no resource cluster.rke2.chart[\"gpu-operator\"]"), e.getMessage());
  }

  @Test
  void tellsCurrentFromStaleStateRefs() {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    StateRef emptyRef = store.currentRef();
    assertTrue(store.isCurrent(emptyRef), "a plan made against an empty store stays current while it is empty");
    State s1 = sample(store.read().state()).nextSerial();
    StateRef r1 = store.write(s1, "apply");
    assertFalse(store.isCurrent(emptyRef));
    assertTrue(store.isCurrent(r1));
    store.write(s1.without(CHART).nextSerial(), "apply");
    assertEquals(StateRef.Freshness.STALE, store.freshness(r1));
  }

  @Test
  void refusesAWriteThatDoesNotContinueTheStoredState() {
    GitStateStore store = GitStateStore.local(tmp.resolve(".labstate"));
    State base = sample(store.read().state());
    store.write(base.nextSerial(), "apply");
    StateMovedException e = assertThrows(StateMovedException.class, () -> store.write(base.nextSerial(), "again"));
    assertTrue(e.getMessage().contains("store is at serial 1"), e.getMessage());
    assertThrows(StateStoreException.class,
        () -> store.write(State.empty(dev.labc.state.Lineage.fresh()).nextSerial().nextSerial(), "other lab"));
  }

  @Test
  void aHandBrokenFileIsReportedWithItsPath() throws Exception {
    Path dir = tmp.resolve(".labstate");
    GitStateStore store = GitStateStore.local(dir);
    store.write(sample(store.read().state()).nextSerial(), "apply");
    Files.writeString(dir.resolve("nodes/head.json"), "{ not json");
    try (Git git = Git.open(dir.toFile())) {
      git.commit().setAll(true).setMessage("hand edit").setAuthor("x", "x@y").setCommitter("x", "x@y").call();
    }
    StateFileException e = assertThrows(StateFileException.class, store::read);
    assertEquals(dir + "/nodes/head.json", e.file());
    assertTrue(e.problem().startsWith("not valid JSON at line 1"), e.problem());
  }

  /** KilledApplyTest (seed 11) once killed labc inside JGit's checkout: every later apply was refused as "uncommitted changes". */
  @Test
  void aCheckoutKilledHalfWayIsFinishedIncludingJGitsTemporaryFile() throws Exception {
    Path dir = tmp.resolve(".labstate");
    GitStateStore store = GitStateStore.local(dir);
    State s1 = sample(store.read().state()).nextSerial();
    store.write(s1, "apply: first");
    String headBefore = Files.readString(dir.resolve("nodes/head.json"));
    State s2 = s1.without(HOSTNAME).nextSerial();
    store.write(s2, "apply: second");
    // As a kill during the second write's checkout leaves it: the branch moved, one file still at
    // its old content, and JGit's half-written temporary beside it.
    Files.writeString(dir.resolve("nodes/head.json"), headBefore);
    Files.writeString(dir.resolve("nodes/._head.json7258929275270566048.tmp"), headBefore.substring(0, headBefore.length() / 2));
    store.write(s2.nextSerial(), "apply: third");
    assertEquals(3, store.read().state().serial());
    try (var files = Files.list(dir.resolve("nodes"))) {
      assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
    }
    try (Git git = Git.open(dir.toFile())) {
      assertTrue(git.status().call().isClean());
    }
  }

  @Test
  void uncommittedEditsInTheWorkTreeAreNeverOverwritten() throws Exception {
    Path dir = tmp.resolve(".labstate");
    GitStateStore store = GitStateStore.local(dir);
    State s1 = sample(store.read().state()).nextSerial();
    store.write(s1, "apply");
    Files.writeString(dir.resolve("nodes/head.json"), "edited\n");
    StateStoreException e = assertThrows(StateStoreException.class, () -> store.write(s1.nextSerial(), "apply"));
    assertTrue(e.getMessage().contains("uncommitted changes"), e.getMessage());
    assertEquals("edited\n", Files.readString(dir.resolve("nodes/head.json")));
  }

  @Test
  void remoteModeFetchesBeforeReadAndPushesAfterWrite() throws Exception {
    String url = GitRepos.bareRemote(tmp.resolve("remote.git"));
    GitStateStore alice = GitStateStore.remote(tmp.resolve("alice"), url, "main");
    GitStateStore bob = GitStateStore.remote(tmp.resolve("bob"), url, "main");
    assertTrue(alice.read().state().isEmpty());
    StateRef ref = alice.write(sample(alice.read().state()).nextSerial(), "apply by alice");
    StateSnapshot seenByBob = bob.read();
    assertEquals(ref, seenByBob.ref());
    assertEquals(List.of(EXPORTS, HOSTNAME, CHART), List.copyOf(seenByBob.state().resources().keySet()));
    assertTrue(Files.isRegularFile(tmp.resolve("bob/nodes/head.json")));
  }

  @Test
  void aRejectedPushIsReportedAndNothingIsOverwritten() throws Exception {
    String url = GitRepos.bareRemote(tmp.resolve("remote.git"));
    GitStateStore alice = GitStateStore.remote(tmp.resolve("alice"), url, "main");
    GitStateStore bob = GitStateStore.remote(tmp.resolve("bob"), url, "main");
    alice.write(sample(alice.read().state()).nextSerial(), "first");
    State aliceView = alice.read().state();
    State bobView = bob.read().state();
    StateRef bobs = bob.write(bobView.without(CHART).nextSerial(), "bob removes the chart");

    StateMovedException e = assertThrows(StateMovedException.class,
        () -> alice.write(aliceView.without(HOSTNAME).nextSerial(), "alice removes the hostname"));
    assertTrue(e.getMessage().startsWith("someone else applied: state moved on the remote"), e.getMessage());
    assertEquals("run `labc plan` again to plan against the current state", e.hint());
    assertEquals(bobs, alice.read().ref(), "the remote keeps bob's state");
    assertTrue(alice.show(HOSTNAME).isPresent());
  }

  static State sample(State base) {
    SortedMap<String, Value> file = new TreeMap<>();
    file.put("path", Value.of("/etc/exports"));
    file.put("content_sha256", Value.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
    SortedMap<String, Value> host = new TreeMap<>();
    host.put("name", Value.of("head"));
    return base
        .with(ResourceState.of(EXPORTS, "std.os.file", file))
        .with(ResourceState.of(HOSTNAME, "std.os.hostname", host))
        .with(ResourceState.of(CHART, "std.k8s.chart", new TreeMap<>()).withDependsOn(List.of(HOSTNAME)));
  }

}
