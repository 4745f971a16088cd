package dev.labc.runtime.state;

import dev.labc.addr.ResourceAddr;
import dev.labc.state.Lineage;
import dev.labc.state.ResourceState;
import dev.labc.state.State;
import dev.labc.state.StateRef;
import dev.labc.state.file.StateCodec;
import dev.labc.state.file.StateFileException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The state of one lab kept in a git repository: every {@link #write} is one commit of the files
 * {@link StateCodec} produces, so {@code git log} is the state's history and a reviewer reads each
 * apply as a diff per node.
 *
 * <p>Local mode ({@link #local}): the repository is a directory, by default {@code .labstate/}
 * beside the {@code .lab} file, created on the first write or lock; a missing one reads as an empty
 * state. Remote mode ({@link #remote}): the directory is a clone of a URL and branch; reads fetch
 * first, writes push, and a push the remote rejects because someone else wrote in between is a
 * {@link StateMovedException}, never a forced push.
 *
 * <p>Commits are made directly in the object database and the branch is moved with
 * compare-and-swap, so a concurrent writer cannot silently lose an update even without the lock.
 * The work tree is then checked out so humans can read the files; uncommitted edits there are
 * refused rather than overwritten. Callers that change state hold a {@link StateLock} ({@link
 * #lock}); {@link #remove} and {@link #move} take it themselves.
 */
public final class GitStateStore {
  public static final String DEFAULT_DIR = ".labstate";
  public static final String DEFAULT_BRANCH = "main";
  static final String REMOTE = "origin";
  static final String LOCK_REF = "refs/labc/lock";
  private static final String SERIAL_TRAILER = "Labc-Serial";
  private static final Pattern SERIAL_LINE = Pattern.compile("(?m)^" + SERIAL_TRAILER + ": (\\d+)$");
  private static final PersonIdent FALLBACK_AUTHOR = new PersonIdent("labc", "labc@localhost");

  /**
   * What this store last committed: its commit, state, files and their blob ids. When the next
   * write starts from that commit (an apply writes once per host batch), the base is not decoded
   * again and unchanged scopes keep their bytes and blobs; at 200 hosts an apply writes 400 times.
   */
  private record Written(ObjectId commit, State state, SortedMap<String, byte[]> files, Map<String, ObjectId> blobs) {}

  private final Path dir;
  private volatile Written last;
  private final Optional<String> remoteUrl;
  private final String branch;
  private final String labcVersion;

  private GitStateStore(Path dir, Optional<String> remoteUrl, String branch, String labcVersion) {
    this.dir = Objects.requireNonNull(dir);
    this.remoteUrl = Objects.requireNonNull(remoteUrl);
    this.branch = Objects.requireNonNull(branch);
    this.labcVersion = Objects.requireNonNull(labcVersion);
  }

  /** The default store: {@code .labstate/} in the directory of {@code labFile}. */
  public static GitStateStore besideLabFile(Path labFile) {
    Path parent = labFile.toAbsolutePath().getParent();
    return local(parent.resolve(DEFAULT_DIR));
  }

  /** A store that is the local git repository {@code dir}, on branch {@value #DEFAULT_BRANCH}. */
  public static GitStateStore local(Path dir) {
    return new GitStateStore(dir, Optional.empty(), DEFAULT_BRANCH, defaultVersion());
  }

  /** A store on {@code branch} of the repository at {@code url}, cloned into {@code cloneDir}. */
  public static GitStateStore remote(Path cloneDir, String url, String branch) {
    return new GitStateStore(cloneDir, Optional.of(url), branch, defaultVersion());
  }

  /** The same store, recording {@code version} as the labc version in locks. */
  public GitStateStore withLabcVersion(String version) {
    return new GitStateStore(dir, remoteUrl, branch, version);
  }

  public Path dir() {
    return dir;
  }

  public Optional<String> remoteUrl() {
    return remoteUrl;
  }

  String labcVersion() {
    return labcVersion;
  }

  // ---- reading ----

  /** The current state and the revision it was read at; fetches first when a remote is configured. */
  public StateSnapshot read() {
    if (!exists() && remoteUrl.isEmpty()) {
      return emptySnapshot();
    }
    try (Repository repo = open()) {
      fetchIfRemote(repo);
      Optional<RevCommit> tip = tip(repo);
      if (tip.isEmpty()) {
        return emptySnapshot();
      }
      followRemote(repo, tip.get());
      State state = decodeAt(repo, tip.get());
      return new StateSnapshot(state, new StateRef(state.lineage(), state.serial(), Optional.of(tip.get().name())));
    } catch (IOException e) {
      throw ioError("read the state", e);
    }
  }

  /** The revision a plan made now would record. */
  public StateRef currentRef() {
    return read().ref();
  }

  /** How a saved plan's prior state relates to the store now: current, stale, or another lineage. */
  public StateRef.Freshness freshness(StateRef planned) {
    return planned.against(currentRef());
  }

  /** Whether a plan made against {@code planned} may still be applied: nothing was written since. */
  public boolean isCurrent(StateRef planned) {
    return freshness(planned) == StateRef.Freshness.CURRENT;
  }

  /** The addresses in state, in address order ({@code labc state list}). */
  public List<ResourceAddr> list() {
    return List.copyOf(read().state().resources().keySet());
  }

  /** One recorded resource ({@code labc state show ADDRESS}). */
  public Optional<ResourceState> show(ResourceAddr addr) {
    return read().state().get(addr);
  }

  /** The state's revisions, newest first ({@code labc state history}). */
  public List<StateCommit> history() {
    if (!exists() && remoteUrl.isEmpty()) {
      return List.of();
    }
    try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
      fetchIfRemote(repo);
      Optional<RevCommit> tip = tip(repo);
      if (tip.isEmpty()) {
        return List.of();
      }
      walk.markStart(walk.parseCommit(tip.get()));
      List<StateCommit> out = new ArrayList<>();
      for (RevCommit c : walk) {
        Matcher m = SERIAL_LINE.matcher(c.getFullMessage());
        PersonIdent author = c.getAuthorIdent();
        out.add(new StateCommit(c.name(), m.find() ? Long.parseLong(m.group(1)) : -1,
            author.getName() + " <" + author.getEmailAddress() + ">", author.getWhenAsInstant(),
            c.getShortMessage()));
      }
      return out;
    } catch (IOException e) {
      throw ioError("read the state history", e);
    }
  }

  // ---- writing ----

  /**
   * Commits {@code next} as the new revision and, with a remote, pushes it. {@code next} must
   * continue the stored state: same lineage (unless nothing was stored yet) and a higher serial,
   * normally {@code read().state()...nextSerial()}.
   *
   * @param message the commit subject, e.g. {@code apply: plan 3f2a}; a summary of what changed follows it
   * @throws StateMovedException if the state changed since {@code next} was derived from it
   */
  public StateRef write(State next, String message) {
    try (Repository repo = openOrCreate()) {
      requireCleanWorkTree(repo);
      Optional<RevCommit> base = tip(repo);
      Written cached = last;
      if (cached != null && (base.isEmpty() || !cached.commit().equals(base.get().getId()))) cached = null;
      State current = cached != null ? cached.state() : base.isPresent() ? decodeAt(repo, base.get()) : null;
      if (current != null && !current.lineage().equals(next.lineage())) {
        throw new StateStoreException("refusing to write a state of lineage " + next.lineage() + " over "
            + dir + ", which holds lineage " + current.lineage(),
            "the state being written belongs to another lab; check which .lab file and state repository you used");
      }
      if (current != null && next.serial() <= current.serial()) {
        throw new StateMovedException("state moved on: the store is at serial " + current.serial()
            + " but the state being written has serial " + next.serial());
      }
      Written written = commit(repo, base, next, summary(message, current, next), cached);
      ObjectId commit = written.commit();
      if (remoteUrl.isPresent()) {
        push(repo, commit, base);
      }
      moveBranch(repo, commit, base);
      // The work tree was clean at base (checked above), so this overwrites nobody's edits.
      checkOut(repo, commit);
      last = written;
      return new StateRef(next.lineage(), next.serial(), Optional.of(commit.name()));
    } catch (IOException e) {
      throw ioError("write the state", e);
    }
  }

  /** {@code labc state rm ADDRESS}: forgets a resource without touching the host, under the lock. */
  public StateRef remove(ResourceAddr addr) {
    try (StateLock lock = lock("state rm")) {
      State state = read().state();
      if (state.get(addr).isEmpty()) {
        throw new StateStoreException("no resource " + addr + " in state", "`labc state list` shows what is recorded");
      }
      return write(state.without(addr).nextSerial(), "state rm " + addr);
    }
  }

  /** {@code labc state mv FROM TO}: renames a recorded resource, under the lock. */
  public StateRef move(ResourceAddr from, ResourceAddr to) {
    try (StateLock lock = lock("state mv")) {
      State state = read().state();
      State moved;
      try {
        moved = state.moved(from, to);
      } catch (IllegalArgumentException e) {
        throw new StateStoreException(e.getMessage(), "`labc state list` shows what is recorded");
      }
      return write(moved.nextSerial(), "state mv " + from + " " + to);
    }
  }

  // ---- locking ----

  /**
   * Takes the state lock for {@code operation} (e.g. {@code apply}), locally and, with a remote,
   * on the remote; release it with {@link StateLock#close()}.
   *
   * @throws StateLockedException naming the holder if someone else has it
   */
  public StateLock lock(String operation) {
    return StateLock.acquire(this, operation);
  }

  /** The current holder of the lock, if any (checking the remote when one is configured). */
  public Optional<LockInfo> currentLock() {
    return StateLock.current(this);
  }

  /** {@code labc force-unlock ID}: clears a lock left by a crashed apply, only if {@code id} matches it. */
  public void forceUnlock(String id) {
    StateLock.forceUnlock(this, id);
  }

  // ---- git plumbing ----

  boolean exists() {
    return Files.isDirectory(dir.resolve(Constants.DOT_GIT));
  }

  Repository open() throws IOException {
    if (!exists()) {
      return openOrCreate();
    }
    return new FileRepositoryBuilder().setGitDir(dir.resolve(Constants.DOT_GIT).toFile()).setMustExist(true).build();
  }

  Repository openOrCreate() throws IOException {
    if (exists()) {
      return open();
    }
    // Two labc started together on a lab without state both get here: each builds a repository
    // aside and renames its .git into place; the rename is atomic, so the loser opens the winner's
    // whole repository instead of failing on a half-made one. Aside means beside the store, not in
    // its work tree, where a copy left by a killed labc would make the state look edited.
    Files.createDirectories(dir);
    Path aside = Files.createTempDirectory(dir.toAbsolutePath().getParent(), (dir.getFileName().toString().startsWith(".") ? "" : ".") + dir.getFileName() + "-init-");
    try {
      try (Git git = Git.init().setDirectory(aside.toFile()).setInitialBranch(branch).call()) {
        if (remoteUrl.isPresent()) {
          var config = git.getRepository().getConfig();
          config.setString("remote", REMOTE, "url", remoteUrl.get());
          config.setString("remote", REMOTE, "fetch", "+refs/heads/*:refs/remotes/" + REMOTE + "/*");
          config.save();
        }
      }
      try {
        Files.move(aside.resolve(Constants.DOT_GIT), dir.resolve(Constants.DOT_GIT), StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException lost) {
        // Linux says "Directory not empty" (a plain FileSystemException) when another labc won.
        if (!exists()) throw lost;
      }
      return open();
    } catch (GitAPIException | JGitInternalException e) {
      throw new StateStoreException("cannot create the state repository " + dir + ": " + e.getMessage(),
          "check that the directory is writable", e);
    } finally {
      deleteTree(aside);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  private void fetchIfRemote(Repository repo) {
    if (remoteUrl.isEmpty()) {
      return;
    }
    try (Git git = new Git(repo)) {
      git.fetch().setRemote(REMOTE)
          // A wildcard, because an exact ref spec fails on a fresh remote that has no branch yet.
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/" + REMOTE + "/*"))
          .setRemoveDeletedRefs(true).call();
    } catch (GitAPIException e) {
      throw new StateStoreException("cannot fetch the state from " + remoteUrl.get() + ": " + e.getMessage(),
          "check the state repository URL and your access to it", e);
    }
  }

  /** The commit the state is read from: the local branch, or in remote mode the fetched remote branch. */
  private Optional<RevCommit> tip(Repository repo) throws IOException {
    String ref = remoteUrl.isPresent() ? "refs/remotes/" + REMOTE + "/" + branch : "refs/heads/" + branch;
    Ref found = repo.exactRef(ref);
    if (found == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return Optional.of(walk.parseCommit(found.getObjectId()));
    }
  }

  private State decodeAt(Repository repo, RevCommit commit) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        if (StateCodec.isStateFile(walk.getPathString())) {
          files.put(walk.getPathString(), repo.open(walk.getObjectId(0)).getBytes());
        }
      }
    }
    try {
      return StateCodec.decode(files);
    } catch (StateFileException e) {
      throw e.inDirectory(dir.toString());
    }
  }

  private Written commit(Repository repo, Optional<RevCommit> base, State next, String message, Written cached) throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      // Files that are not state (a README someone committed) are carried over untouched.
      if (base.isPresent()) {
        try (TreeWalk walk = new TreeWalk(repo)) {
          walk.addTree(base.get().getTree());
          walk.setRecursive(true);
          while (walk.next()) {
            if (!StateCodec.isStateFile(walk.getPathString())) {
              DirCacheEntry entry = new DirCacheEntry(walk.getPathString());
              entry.setFileMode(walk.getFileMode(0));
              entry.setObjectId(walk.getObjectId(0));
              builder.add(entry);
            }
          }
        }
      }
      var before = cached == null ? null : cached.state().byScope();
      SortedMap<String, byte[]> files = StateCodec.encode(next, (scope, resources) ->
          before != null && resources.equals(before.get(scope)) ? cached.files().get(StateCodec.scopeFile(scope)) : null);
      var blobs = new java.util.HashMap<String, ObjectId>();
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(file.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        // A content file's bytes are a function of its name, so one the last write had is the same blob.
        boolean reused = cached != null && (cached.files().get(file.getKey()) == file.getValue()
            || StateCodec.isContentFile(file.getKey()) && cached.blobs().containsKey(file.getKey()));
        ObjectId blob = reused ? cached.blobs().get(file.getKey()) : inserter.insert(Constants.OBJ_BLOB, file.getValue());
        blobs.put(file.getKey(), blob);
        entry.setObjectId(blob);
        builder.add(entry);
      }
      builder.finish();
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(index.writeTree(inserter));
      base.ifPresent(cb::setParentId);
      PersonIdent who = author(repo);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage(message);
      ObjectId id = inserter.insert(cb);
      inserter.flush();
      return new Written(id, next, files, blobs);
    }
  }

  private void push(Repository repo, ObjectId commit, Optional<RevCommit> base) throws IOException {
    RemoteRefUpdate update = new RemoteRefUpdate(repo, commit.name(), "refs/heads/" + branch, false, null,
        base.<ObjectId>map(RevCommit::getId).orElse(ObjectId.zeroId()));
    RemoteRefUpdate.Status status = RemoteTransfer.push(repo, remoteUrl.get(), update);
    switch (status) {
      case OK, UP_TO_DATE -> { }
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> throw new StateMovedException(
          "someone else applied: state moved on the remote " + remoteUrl.get() + " (branch " + branch
              + ") since it was read; nothing was pushed");
      default -> throw new StateStoreException("the remote " + remoteUrl.get() + " refused the state: " + status
          + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"),
          "check your write access to the state repository; nothing was pushed");
    }
    RefUpdate tracking = repo.updateRef("refs/remotes/" + REMOTE + "/" + branch);
    tracking.setNewObjectId(commit);
    tracking.setForceUpdate(true);
    tracking.update();
  }

  private void moveBranch(Repository repo, ObjectId commit, Optional<RevCommit> base) throws IOException {
    RefUpdate update = repo.updateRef("refs/heads/" + branch);
    update.setNewObjectId(commit);
    update.setRefLogMessage("labc: state write", false);
    if (remoteUrl.isPresent()) {
      // The local branch only mirrors the remote, which already accepted the commit.
      update.setForceUpdate(true);
    } else {
      update.setExpectedOldObjectId(base.<ObjectId>map(RevCommit::getId).orElse(ObjectId.zeroId()));
    }
    RefUpdate.Result result = update.update();
    switch (result) {
      case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
      case LOCK_FAILURE, REJECTED -> throw new StateMovedException(
          "state moved on: another labc wrote to " + dir + " while this one was writing");
      default -> throw new StateStoreException("cannot update branch " + branch + " in " + dir + ": " + result,
          "check the state repository with `git -C " + dir + " status`");
    }
  }

  private void requireCleanWorkTree(Repository repo) {
    try (Git git = new Git(repo)) {
      if (repo.resolve(Constants.HEAD) == null) return;
      var status = git.status().call();
      if (!status.isClean() && leftByInterruptedCheckout(repo, status)) {
        // A labc killed between moving the branch and finishing its checkout: finish it. Reset leaves
        // untracked files alone: those checked above are JGit's temporaries or files the checkout
        // had still to delete, so remove them too.
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(Constants.HEAD).call();
        for (String path : git.status().call().getUntracked()) {
          if (status.getUntracked().contains(path)) Files.deleteIfExists(repo.getWorkTree().toPath().resolve(path));
        }
        return;
      }
      if (!status.isClean()) {
        var dirty = new java.util.TreeSet<String>(status.getUncommittedChanges());
        dirty.addAll(status.getUntracked());
        throw new StateStoreException("the state repository " + dir + " has uncommitted changes (" + String.join(", ", dirty) + ")",
            "commit them (git -C " + dir + " commit -a) or discard them (git -C " + dir
                + " checkout -- .); labc does not overwrite edits it did not make");
      }
    } catch (GitAPIException | IOException e) {
      throw new StateStoreException("cannot check " + dir + " for uncommitted changes: " + e.getMessage(),
          "check the state repository with `git -C " + dir + " status`", e);
    }
  }

  /**
   * Remote mode: brings the local branch and the work tree up to the fetched state, unless someone
   * edited the work tree (reads go by commits, so that only delays what humans see there).
   */
  private void followRemote(Repository repo, RevCommit tip) throws IOException {
    if (remoteUrl.isEmpty() || tip.getId().equals(repo.resolve(Constants.HEAD))) {
      return;
    }
    try (Git git = new Git(repo)) {
      if (git.status().call().isClean()) {
        checkOut(repo, tip);
      }
    } catch (GitAPIException e) {
      throw new StateStoreException("cannot check " + dir + " for uncommitted changes: " + e.getMessage(),
          "check the state repository with `git -C " + dir + " status`", e);
    }
  }

  /**
   * True when every file that differs from HEAD holds exactly its content at HEAD or at HEAD's
   * parent (or is absent where one of them lacks it): what a checkout killed half-way leaves, as
   * opposed to an edit by a person, which labc must not overwrite.
   */
  private static boolean leftByInterruptedCheckout(Repository repo, org.eclipse.jgit.api.Status status) throws IOException {
    var paths = new java.util.TreeSet<String>();
    paths.addAll(status.getModified());
    paths.addAll(status.getMissing());
    paths.addAll(status.getUntracked());
    paths.addAll(status.getChanged());
    paths.addAll(status.getAdded());
    paths.addAll(status.getRemoved());
    if (!status.getConflicting().isEmpty()) return false;
    try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
      RevCommit head = walk.parseCommit(repo.resolve(Constants.HEAD));
      RevCommit parent = head.getParentCount() > 0 ? walk.parseCommit(head.getParent(0)) : null;
      for (String path : paths) {
        if (status.getUntracked().contains(path) && isCheckoutTemporary(path)) continue;
        java.nio.file.Path file = repo.getWorkTree().toPath().resolve(path);
        byte[] actual = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        // Before the first commit the work tree was empty: a file still absent was never checked out.
        boolean asBefore = parent == null ? actual == null : sameAs(repo, parent, path, actual);
        if (!sameAs(repo, head, path, actual) && !asBefore) return false;
      }
    }
    return true;
  }

  /** JGit's checkout writes {@code dir/._NAME<random>.tmp} and renames it to {@code dir/NAME}; a kill leaves it. */
  private static final Pattern CHECKOUT_TEMPORARY = Pattern.compile("(?:.*/)?\\._[^/]+\\d+\\.tmp");

  private static boolean isCheckoutTemporary(String path) {
    return CHECKOUT_TEMPORARY.matcher(path).matches();
  }

  private static boolean sameAs(Repository repo, RevCommit commit, String path, byte[] actual) throws IOException {
    try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, path, commit.getTree())) {
      if (tw == null) return actual == null;
      return actual != null && java.util.Arrays.equals(repo.open(tw.getObjectId(0)).getBytes(), actual);
    }
  }

  /** Points the branch (and so HEAD) at {@code commit} and makes index and work tree match it. */
  private void checkOut(Repository repo, ObjectId commit) throws IOException {
    RefUpdate local = repo.updateRef("refs/heads/" + branch);
    local.setNewObjectId(commit);
    local.setForceUpdate(true);
    local.update();
    try (Git git = new Git(repo)) {
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
    } catch (GitAPIException e) {
      throw new StateStoreException("cannot check out the state in " + dir + ": " + e.getMessage(),
          "check the state repository with `git -C " + dir + " status`", e);
    }
  }

  private static PersonIdent author(Repository repo) {
    var config = repo.getConfig();
    String name = config.getString("user", null, "name");
    String email = config.getString("user", null, "email");
    if (name == null || email == null) {
      return new PersonIdent(FALLBACK_AUTHOR, Instant.now());
    }
    return new PersonIdent(name, email);
  }

  private static String summary(String subject, State before, State after) {
    // Keyed by address so the body lists changes in address order, nodes before clusters.
    SortedMap<ResourceAddr, String> lines = new TreeMap<>();
    int added = 0;
    int changed = 0;
    int removed = 0;
    SortedMap<ResourceAddr, ResourceState> old = before == null ? new TreeMap<>() : before.resources();
    for (var e : after.resources().entrySet()) {
      ResourceState was = old.get(e.getKey());
      if (was == null) {
        added++;
        lines.put(e.getKey(), "+ " + e.getKey());
      } else if (!was.equals(e.getValue())) {
        changed++;
        lines.put(e.getKey(), "~ " + e.getKey());
      }
    }
    for (ResourceAddr addr : old.keySet()) {
      if (!after.resources().containsKey(addr)) {
        removed++;
        lines.put(addr, "- " + addr);
      }
    }
    StringBuilder out = new StringBuilder(subject.strip()).append("\n\n")
        .append("State: ").append(added).append(" added, ").append(changed).append(" changed, ")
        .append(removed).append(" removed.\n");
    if (!lines.isEmpty()) {
      out.append('\n');
      lines.values().forEach(l -> out.append(l).append('\n'));
    }
    out.append('\n').append(SERIAL_TRAILER).append(": ").append(after.serial()).append('\n')
        .append("Labc-Lineage: ").append(after.lineage()).append('\n');
    return out.toString();
  }

  private StateSnapshot emptySnapshot() {
    State empty = State.empty(Lineage.fresh());
    return new StateSnapshot(empty, new StateRef(empty.lineage(), 0, Optional.empty()));
  }

  private StateStoreException ioError(String what, IOException e) {
    return new StateStoreException("cannot " + what + " in " + dir + ": " + e.getMessage(),
        "check the state repository with `git -C " + dir + " status`", e);
  }

  private static String defaultVersion() {
    String v = GitStateStore.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
