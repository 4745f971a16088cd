package dev.labc.runtime.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * The state lock: the ref {@code refs/labc/lock} pointing at a parentless commit whose message is
 * the {@link LockInfo}. Taking it creates the ref with compare-and-swap expecting it absent, in the
 * state repository and, with a remote, on the remote too (a push that expects the ref absent), so
 * processes sharing a clone and machines sharing a remote exclude each other. A crashed holder
 * leaves the ref behind; {@link GitStateStore#forceUnlock} clears it by id.
 *
 * <p>Use with try-with-resources; {@link #close()} releases only the lock this object took.
 */
public final class StateLock implements AutoCloseable {
  /** Where the remote's lock is fetched to, to name its holder; never pushed. */
  private static final String REMOTE_LOCK_COPY = "refs/labc-remote/lock";
  private static final int RACE_RETRIES = 20;
  /** How old an unreadable (empty) ref lock file must be to count as left by a killed labc. */
  private static final java.time.Duration UNREADABLE_REF_LOCK_AGE = java.time.Duration.ofSeconds(5);

  private final GitStateStore store;
  private final LockInfo info;
  private final ObjectId commit;
  private boolean released;

  private StateLock(GitStateStore store, LockInfo info, ObjectId commit) {
    this.store = store;
    this.info = info;
    this.commit = commit;
  }

  public LockInfo info() {
    return info;
  }

  /** Releases the lock; a second call does nothing. */
  @Override
  public void close() {
    if (released) {
      return;
    }
    released = true;
    try (Repository repo = store.open()) {
      if (store.remoteUrl().isPresent()) {
        deleteRemote(repo, store.remoteUrl().get(), commit);
      }
      deleteLocal(repo, commit);
    } catch (IOException e) {
      throw new StateStoreException("cannot release the state lock " + info.id() + ": " + e.getMessage(),
          "run `labc force-unlock " + info.id() + "`", e);
    }
  }

  static StateLock acquire(GitStateStore store, String operation) {
    LockInfo info = LockInfo.forThisProcess(operation, store.labcVersion());
    try (Repository repo = store.openOrCreate()) {
      ObjectId commit = insertLockCommit(repo, info);
      // Long enough for an empty ref lock file left by a killed labc to count as abandoned.
      long deadline = System.nanoTime() + UNREADABLE_REF_LOCK_AGE.plusSeconds(1).toNanos();
      for (int attempt = 0; ; attempt++) {
        RefUpdate create = repo.updateRef(GitStateStore.LOCK_REF);
        create.setExpectedOldObjectId(ObjectId.zeroId());
        create.setNewObjectId(commit);
        create.setRefLogMessage("labc: lock " + info.id(), false);
        RefUpdate.Result result = create.update();
        if (result == RefUpdate.Result.NEW) {
          clearStaleGitLocks(repo);
          break;
        }
        Optional<LockInfo> holder = readLocal(repo);
        if (holder.isPresent()) {
          throw new StateLockedException(holder.get(), " in " + store.dir());
        }
        // The other process held the ref file lock but had not finished creating the ref, or just released it.
        if (clearAbandonedRefLock(repo)) continue;
        if (attempt >= RACE_RETRIES && !(refLockUnreadable(repo) && System.nanoTime() < deadline)) {
          throw new StateStoreException("cannot take the state lock in " + store.dir() + ": " + result,
              "another labc is taking or releasing the lock right now; try again");
        }
        sleepBriefly();
      }
      if (store.remoteUrl().isPresent()) {
        String url = store.remoteUrl().get();
        RemoteRefUpdate push = new RemoteRefUpdate(repo, commit.name(), GitStateStore.LOCK_REF, false, null, ObjectId.zeroId());
        RemoteRefUpdate.Status status = RemoteTransfer.push(repo, url, push);
        if (status != RemoteRefUpdate.Status.OK) {
          deleteLocal(repo, commit);
          Optional<LockInfo> holder = readRemote(repo, url);
          if (holder.isPresent()) {
            throw new StateLockedException(holder.get(), " on the remote " + url);
          }
          throw new StateStoreException("cannot take the state lock on the remote " + url + ": " + status,
              "check your write access to the state repository and try again");
        }
      }
      return new StateLock(store, info, commit);
    } catch (IOException e) {
      throw new StateStoreException("cannot take the state lock in " + store.dir() + ": " + e.getMessage(),
          "check the state repository with `git -C " + store.dir() + " status`", e);
    }
  }

  static Optional<LockInfo> current(GitStateStore store) {
    if (!store.exists() && store.remoteUrl().isEmpty()) {
      return Optional.empty();
    }
    try (Repository repo = store.open()) {
      if (store.remoteUrl().isPresent()) {
        Optional<LockInfo> remote = readRemote(repo, store.remoteUrl().get());
        if (remote.isPresent()) {
          return remote;
        }
      }
      return readLocal(repo);
    } catch (IOException e) {
      throw new StateStoreException("cannot read the state lock in " + store.dir() + ": " + e.getMessage(),
          "check the state repository with `git -C " + store.dir() + " status`", e);
    }
  }

  /**
   * labc changes the state repository only while holding this lock, so once it is ours any git
   * lock file there (HEAD.lock, index.lock, a branch's .lock) was left by a labc killed mid-write;
   * git would refuse every later write until someone deleted it by hand.
   */
  private static void clearStaleGitLocks(Repository repo) throws IOException {
    java.nio.file.Path git = repo.getDirectory().toPath();
    for (String name : new String[] {"HEAD.lock", "index.lock", "packed-refs.lock"}) java.nio.file.Files.deleteIfExists(git.resolve(name));
    java.nio.file.Path heads = git.resolve("refs/heads");
    if (java.nio.file.Files.isDirectory(heads)) {
      try (var files = java.nio.file.Files.walk(heads)) {
        for (var f : files.filter(p -> p.getFileName().toString().endsWith(".lock")).toList()) java.nio.file.Files.deleteIfExists(f);
      }
    }
  }

  /**
   * The lock ref's own git lock file, left by a labc killed while taking the lock (between writing
   * {@code refs/labc/lock.lock} and renaming it): no lock is held, yet every later attempt fails.
   * The file names the lock commit being written, whose record names the process; it is removed
   * when that process, on this machine, is gone (or, named nowhere readable, after a few seconds).
   */
  /** The ref lock file is there but names no commit: being written this instant, or left by a kill. */
  private static boolean refLockUnreadable(Repository repo) {
    java.nio.file.Path file = repo.getDirectory().toPath().resolve(GitStateStore.LOCK_REF + ".lock");
    try {
      return java.nio.file.Files.isRegularFile(file) && !ObjectId.isId(java.nio.file.Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static boolean clearAbandonedRefLock(Repository repo) throws IOException {
    java.nio.file.Path file = repo.getDirectory().toPath().resolve(GitStateStore.LOCK_REF + ".lock");
    if (!java.nio.file.Files.isRegularFile(file)) return false;
    boolean abandoned;
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId commit = ObjectId.fromString(java.nio.file.Files.readString(file, StandardCharsets.UTF_8).strip());
      LockInfo taker = LockInfo.decode(walk.parseCommit(commit).getFullMessage());
      abandoned = taker.who().equals(LockInfo.forThisProcess("", "").who()) && taker.pid() > 0
          && ProcessHandle.of(taker.pid()).map(h -> !h.isAlive()).orElse(true);
    } catch (IOException | RuntimeException unreadable) {
      // Half written, or a commit that never reached the object store: go by its age alone.
      // JGit writes the commit id right after creating the file, so an empty one seconds old was
      // left by a process killed in between (or while deleting the ref, which writes nothing).
      abandoned = java.nio.file.Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(UNREADABLE_REF_LOCK_AGE));
    }
    return abandoned && java.nio.file.Files.deleteIfExists(file);
  }

  static void forceUnlock(GitStateStore store, String id) {
    if (!store.exists() && store.remoteUrl().isEmpty()) {
      throw notLocked(store, id);
    }
    try (Repository repo = store.open()) {
      boolean cleared = false;
      if (store.remoteUrl().isPresent()) {
        String url = store.remoteUrl().get();
        Optional<LockInfo> remote = readRemote(repo, url);
        if (remote.isPresent()) {
          requireId(remote.get(), id);
          deleteRemote(repo, url, repo.exactRef(REMOTE_LOCK_COPY).getObjectId());
          cleared = true;
        }
      }
      Optional<LockInfo> local = readLocal(repo);
      if (local.isPresent()) {
        requireId(local.get(), id);
        // The holder is declared dead: a ref lock file it left would block every later lock.
        java.nio.file.Files.deleteIfExists(repo.getDirectory().toPath().resolve(GitStateStore.LOCK_REF + ".lock"));
        deleteLocal(repo, repo.exactRef(GitStateStore.LOCK_REF).getObjectId());
        cleared = true;
      }
      if (!cleared) {
        throw notLocked(store, id);
      }
    } catch (IOException e) {
      throw new StateStoreException("cannot clear the state lock in " + store.dir() + ": " + e.getMessage(),
          "check the state repository with `git -C " + store.dir() + " status`", e);
    }
  }

  private static void requireId(LockInfo holder, String id) {
    if (!holder.id().equals(id)) {
      throw new StateStoreException("lock id " + id + " does not match the current lock " + holder.id()
          + " held by " + holder.who() + " (" + holder.operation() + ", since " + holder.created() + ")",
          "force-unlock takes the id of the lock to clear, as shown when an operation is refused");
    }
  }

  private static StateStoreException notLocked(GitStateStore store, String id) {
    return new StateStoreException("the state in " + store.dir() + " is not locked (no lock " + id + ")",
        "nothing to unlock");
  }

  static ObjectId insertLockCommit(Repository repo, LockInfo info) throws IOException {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(inserter.insert(Constants.OBJ_TREE, new byte[0]));
      PersonIdent who = new PersonIdent("labc", "labc@localhost", Instant.now(), java.time.ZoneOffset.UTC);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage(info.encode());
      ObjectId id = inserter.insert(cb);
      inserter.flush();
      return id;
    }
  }

  private static Optional<LockInfo> readLocal(Repository repo) throws IOException {
    return readRef(repo, GitStateStore.LOCK_REF);
  }

  private static Optional<LockInfo> readRemote(Repository repo, String url) throws IOException {
    RemoteTransfer.fetch(repo, url, "refs/labc/", "refs/labc-remote/");
    return readRef(repo, REMOTE_LOCK_COPY);
  }

  private static Optional<LockInfo> readRef(Repository repo, String name) throws IOException {
    Ref ref = repo.exactRef(name);
    if (ref == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      byte[] raw = walk.parseCommit(ref.getObjectId()).getFullMessage().getBytes(StandardCharsets.UTF_8);
      return Optional.of(LockInfo.decode(new String(raw, StandardCharsets.UTF_8)));
    }
  }

  private static void deleteLocal(Repository repo, ObjectId expected) throws IOException {
    if (repo.exactRef(GitStateStore.LOCK_REF) == null) {
      return;
    }
    RefUpdate delete = repo.updateRef(GitStateStore.LOCK_REF);
    delete.setExpectedOldObjectId(expected);
    delete.setForceUpdate(true);
    RefUpdate.Result result = delete.delete();
    if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
      throw new StateStoreException("cannot release the state lock: it changed hands (" + result + ")",
          "check `labc force-unlock` and the lock's holder");
    }
  }

  private static void deleteRemote(Repository repo, String url, ObjectId expected) throws IOException {
    RemoteRefUpdate delete = new RemoteRefUpdate(repo, (String) null, GitStateStore.LOCK_REF, false, null, expected);
    RemoteRefUpdate.Status status = RemoteTransfer.push(repo, url, delete);
    if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.NON_EXISTING) {
      throw new StateStoreException("cannot release the state lock on the remote " + url + ": " + status,
          "check your write access to the state repository, then `labc force-unlock`");
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateStoreException("interrupted while taking the state lock", "try again");
    }
  }
}
