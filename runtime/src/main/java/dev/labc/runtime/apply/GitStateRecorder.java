package dev.labc.runtime.apply;

import dev.labc.plan.Change;
import dev.labc.planner.AppliedChange;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits each batch of steps to the git state, before the batch runs (marked tainted) and after it
 * finishes, so that state is true to what was done at every moment an apply can be killed. A call
 * returns only once a commit holding its record is written.
 *
 * <p>Group commit: while one write is in progress, records from other hosts queue up, and the next
 * writer commits all of them at once. With 200 hosts finishing together this makes a few dozen
 * commits instead of 400, and writing state stops being the apply's bottleneck (one write at a time
 * re-encoded and committed the whole state for one host's batch).
 */
public final class GitStateRecorder implements ApplyEngine.StateRecorder {
    /** One call's record: a batch about to run or finished on one host (or cluster). */
    private record Entry(String host, List<Change> changes, boolean starting) {
        State applyTo(State s) {
            return starting ? AppliedChange.starting(s, changes) : AppliedChange.recordAll(s, changes);
        }

        String describe() {
            return host + ": " + (starting ? "starting " : "") + changes.size() + (changes.size() == 1 ? " step" : " steps");
        }
    }

    /** Where a queued entry stands; guarded by {@code lock}. */
    private static final class Waiter {
        final Entry entry;
        boolean done;
        RuntimeException error;

        Waiter(Entry entry) {
            this.entry = entry;
        }
    }

    private final GitStateStore store;
    private final ReentrantLock lock = new ReentrantLock(); // not synchronized: waiting virtual threads must not pin carriers on JDK 21
    private final Condition written = lock.newCondition();
    private final List<Waiter> queued = new ArrayList<>();
    private State state;
    private boolean writing;

    public GitStateRecorder(GitStateStore store, State start) {
        this.store = store;
        this.state = start;
    }

    @Override
    public void completed(String host, List<Change> changes) {
        record(new Entry(host, changes, false));
    }

    @Override
    public void starting(String host, List<Change> changes) {
        record(new Entry(host, changes, true));
    }

    public State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    private void record(Entry entry) {
        var mine = new Waiter(entry);
        lock.lock();
        try {
            queued.add(mine);
            while (!mine.done && writing) written.awaitUninterruptibly();
            if (!mine.done) writeQueued(); // no write in progress: this thread commits everything queued, its own entry included
            if (mine.error != null) throw mine.error;
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock; releases it while encoding and committing. */
    private void writeQueued() {
        writing = true;
        List<Waiter> batch = List.copyOf(queued);
        queued.clear();
        State base = state;
        lock.unlock();
        State next = null;
        // Until the commit is written, nothing of this batch counts as recorded (an Error thrown
        // here leaves it so for the waiters while it goes up this thread).
        RuntimeException failed = new IllegalStateException("the state write for this step did not finish");
        try {
            State s = base;
            for (Waiter w : batch) s = w.entry.applyTo(s);
            next = s.nextSerial();
            store.write(next, message(batch.stream().map(w -> w.entry).toList()));
            failed = null;
        } catch (RuntimeException e) {
            failed = e; // nothing of this batch was recorded: each of its callers fails as its own write would have
        } finally {
            lock.lock();
            writing = false;
            if (failed == null) state = next;
            for (Waiter w : batch) {
                w.done = true;
                w.error = failed;
            }
            written.signalAll();
        }
    }

    /** One batch keeps the message it always had; several are listed one a line under a subject. */
    private static String message(List<Entry> batch) {
        if (batch.size() == 1) return "apply: " + batch.getFirst().describe();
        long starting = batch.stream().filter(Entry::starting).count();
        long hosts = batch.stream().map(Entry::host).distinct().count();
        var m = new StringBuilder("apply: ").append(starting).append(" starting, ").append(batch.size() - starting)
                .append(" finished, on ").append(hosts).append(hosts == 1 ? " host" : " hosts").append("\n\n");
        for (Entry e : batch) m.append(e.describe()).append('\n');
        return m.toString();
    }
}
