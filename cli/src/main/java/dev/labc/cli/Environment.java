package dev.labc.cli;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The environment variables `env()` params read: the process's, with values given for one run on
 * the current thread laid over them. A JVM cannot change its own environment, and tests run the
 * CLI in-process (CliRun), so this is how a test hands a command a secret the way a shell would.
 */
final class Environment {
  // Inheritable: the evaluator runs on a thread of its own with a large stack (LargeStack), started
  // from the command's thread; a plain ThreadLocal left every env() there unset.
  private static final ThreadLocal<Map<String, String>> OVERRIDES = new InheritableThreadLocal<>() {
    @Override
    protected Map<String, String> initialValue() {
      return Map.of();
    }
  };

  private Environment() {}

  static String get(String name) {
    Map<String, String> o = OVERRIDES.get();
    return o.containsKey(name) ? o.get(name) : System.getenv(name);
  }

  /** Runs {@code run} with {@code vars} set for this thread, then restores the process's. */
  static <T> T with(Map<String, String> vars, Supplier<T> run) {
    OVERRIDES.set(Map.copyOf(vars));
    try {
      return run.get();
    } finally {
      OVERRIDES.remove();
    }
  }
}
