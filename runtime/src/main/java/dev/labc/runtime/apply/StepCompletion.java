package dev.labc.runtime.apply;

import dev.labc.addr.ResourceAddr;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each step this apply runs completed, shared by the host and cluster runs: a step that
 * depends on one in another scope waits here for it. Steps outside the apply are not tracked, so
 * nothing waits for them.
 */
public final class StepCompletion {
    private final Map<ResourceAddr, CompletableFuture<Boolean>> finished = new ConcurrentHashMap<>();

    /** Tracks {@code addr}, a step this apply runs, until it finishes. */
    public void track(ResourceAddr addr) {
        finished.put(addr, new CompletableFuture<>());
    }

    /** Whether this apply runs {@code addr} (else nothing waits for it). */
    public boolean tracks(ResourceAddr addr) {
        return finished.containsKey(addr);
    }

    /** Whether {@code addr} has finished, completed or not. */
    public boolean isFinished(ResourceAddr addr) {
        return finished.get(addr).isDone();
    }

    /** Waits until {@code addr} finished: true when it completed. */
    public boolean await(ResourceAddr addr) {
        return finished.get(addr).join();
    }

    /** Marks {@code addr} finished; only the first call counts, so a late {@code false} changes nothing. */
    public void finish(ResourceAddr addr, boolean completed) {
        finished.get(addr).complete(completed);
    }
}
