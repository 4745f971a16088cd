package dev.labc.syntax;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs recursive tree work (parsing, lowering, printing, evaluation) on a thread with a large
 * stack, so deeply nested but legal input works, and turns a stack overflow on hostile input
 * into a fallback value (a "nesting too deep" diagnostic) instead of a crash.
 */
public final class LargeStack {
  private static final long STACK_BYTES = 512L * 1024 * 1024;

  private LargeStack() {}

  public static <T> T call(Supplier<T> work, Supplier<T> onOverflow) {
    var result = new AtomicReference<T>();
    var failure = new AtomicReference<Throwable>();
    Thread t = new Thread(null, () -> {
      try {
        result.set(work.get());
      } catch (StackOverflowError e) {
        result.set(onOverflow.get());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "labc-large-stack", STACK_BYTES);
    t.setDaemon(true);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) throw re;
    if (f instanceof Error err) throw err;
    if (f != null) throw new IllegalStateException(f);
    return result.get();
  }
}
