package dev.labc.runtime.kube;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A request budget for one cluster's client: at most {@code perSecond} requests in any second
 * (spaced evenly, a burst of one), because fabric8 has no rate limiter of its own and a big
 * plan must not flood an API server that also serves the lab's jobs. Installed as an interceptor,
 * so every request the client makes (gets, patches, polls, retries) is counted and paced.
 */
public final class RequestBudget implements Interceptor {
  public static final double DEFAULT_PER_SECOND = 50;
  public static final String NAME = "labc-request-budget";

  private final long intervalNanos;
  private long nextSlot = System.nanoTime();
  private final AtomicLong requests = new AtomicLong();

  public RequestBudget(double perSecond) {
    if (!(perSecond > 0)) throw new IllegalArgumentException("the request budget must be above 0 per second, got " + perSecond);
    this.intervalNanos = (long) (1_000_000_000L / perSecond);
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
    acquire();
  }

  /** Blocks until the next request may go. */
  public void acquire() {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    requests.incrementAndGet();
    while (wait > 0) {
      long start = System.nanoTime();
      LockSupport.parkNanos(wait);
      wait -= System.nanoTime() - start;
    }
  }

  /** Requests made through this budget so far. */
  public long requests() {
    return requests.get();
  }
}
