package dev.labc.runtime.apply;

import dev.labc.plan.Change;
import dev.labc.planner.AppliedChange;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.state.State;
import java.util.List;

/**
 * Commits each completed batch of steps to the git state as it finishes, so that state is true to
 * what was done at every moment an apply can be killed. Batches from parallel hosts are serialised.
 */
public final class GitStateRecorder implements ApplyEngine.StateRecorder {
    private final GitStateStore store;
    private State state;

    public GitStateRecorder(GitStateStore store, State start) {
        this.store = store;
        this.state = start;
    }

    @Override
    public synchronized void completed(String host, List<Change> changes) {
        State next = AppliedChange.recordAll(state, changes).nextSerial();
        store.write(next, "apply: " + host + ": " + changes.size() + (changes.size() == 1 ? " step" : " steps"));
        state = next;
    }

    @Override
    public synchronized void starting(String host, List<Change> changes) {
        State next = AppliedChange.starting(state, changes).nextSerial();
        store.write(next, "apply: " + host + ": starting " + changes.size() + (changes.size() == 1 ? " step" : " steps"));
        state = next;
    }

    public synchronized State state() {
        return state;
    }
}
