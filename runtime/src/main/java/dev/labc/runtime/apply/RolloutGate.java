package dev.labc.runtime.apply;

import dev.labc.plan.Rollout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Holds each node of a rolling apply until the batches before its own have finished, and turns it
 * away once one of them failed: the rest of the rollout is left untouched (not dialled, nothing
 * recorded), so state stays true and the next apply takes up where this one stopped.
 */
final class RolloutGate {
  private final Rollout rollout;
  private final List<CountDownLatch> done = new ArrayList<>();
  private final ConcurrentHashMap<Integer, String> failedIn = new ConcurrentHashMap<>();

  RolloutGate(Rollout rollout) {
    this.rollout = rollout;
    for (List<String> batch : rollout.batches()) done.add(new CountDownLatch(batch.size()));
  }

  /** Waits for the batches before {@code host}'s; null to go on, else why the host is not started. */
  String awaitTurn(String host) {
    int b = rollout.batchOf(host);
    for (int i = 0; i < b; i++) {
      try {
        done.get(i).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "not started: the apply was interrupted while batch " + (i + 1) + " ran";
      }
      String failed = failedIn.get(i);
      if (failed != null) return "not started: the rollout stopped after batch " + (i + 1) + " of " + rollout.batches().size()
          + " (" + failed + " failed)";
    }
    return null;
  }

  /** {@code host} has finished, every step done ({@code ok}) or not; a host turned away counts as finished. */
  void finished(String host, boolean ok) {
    int b = rollout.batchOf(host);
    if (b < 0) return;
    if (!ok) failedIn.merge(b, host, (a, c) -> a.compareTo(c) <= 0 ? a : c);
    done.get(b).countDown();
  }
}
