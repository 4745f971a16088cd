package dev.labc.cli;

import dev.labc.addr.ResourceAddr;
import dev.labc.plan.PlanRenderer;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.runtime.state.StateStoreException;
import dev.labc.state.ResourceState;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What {@code labc state list|show|history|rm|mv} and {@code labc force-unlock} do to the recorded
 * state; their command classes hold only the options and call these.
 */
final class StateActions {
  private StateActions() {}

  static GitStateStore store(Path lab) {
    return StateLocation.of(lab);
  }

  /** Runs {@code body}, turning state errors and bad addresses into one clear line and exit 1. */
  static int guarded(Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (StateStoreException e) {
      System.err.println("error: " + e.getMessage());
      if (e.hint() != null) System.err.println("  hint: " + e.hint());
      return ExitCode.ERRORS;
    } catch (dev.labc.state.file.StateFileException e) {
      System.err.println("error: " + e.getMessage());
      if (e.hint() != null) System.err.println("  hint: " + e.hint());
      return ExitCode.ERRORS;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCode.ERRORS;
    }
  }

  static ResourceAddr addr(String text) {
    try {
      return ResourceAddr.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a resource address: " + text + " (" + e.getMessage()
          + "); addresses look like node.gpu-1.file[\"/etc/motd\"], see `labc state list`");
    }
  }

  static int list(Path lab) throws Exception {
    return guarded(() -> {
      // A tainted resource is one an apply started changing and did not finish: say so.
      for (ResourceState rs : store(lab).read().state().resources().values()) {
        System.out.println(rs.addr() + (rs.status() == dev.labc.state.ResourceStatus.TAINTED ? "  (tainted: an apply did not finish it)" : ""));
      }
      return ExitCode.OK;
    });
  }

  static int show(Path lab, String address) throws Exception {
    return guarded(() -> {
      ResourceAddr a = addr(address);
      var rs = store(lab).show(a);
      if (rs.isEmpty()) {
        System.err.println("error: no resource " + a + " in state; `labc state list " + lab + "` shows what is recorded");
        return ExitCode.ERRORS;
      }
      print(rs.get());
      return ExitCode.OK;
    });
  }

  private static void print(ResourceState rs) {
    System.out.println(rs.addr() + " (" + rs.type() + ", " + rs.status().name().toLowerCase() + ")");
    for (Map.Entry<String, Value> e : rs.attributes().entrySet()) {
      System.out.println("  " + e.getKey() + " = " + (e.getValue() instanceof SecretDigest ? "(secret)" : PlanRenderer.inline(e.getValue())));
    }
    if (!rs.dependsOn().isEmpty()) System.out.println("  depends on: " + String.join(", ", rs.dependsOn().stream().map(Object::toString).toList()));
  }

  static int history(Path lab) throws Exception {
    return guarded(() -> {
      for (var c : store(lab).history()) {
        System.out.println(c.commitId().substring(0, 12) + "  serial " + c.serial() + "  " + c.time() + "  " + c.author() + "  " + c.subject());
      }
      return ExitCode.OK;
    });
  }

  static int remove(Path lab, String address) throws Exception {
    return guarded(() -> {
      var ref = store(lab).remove(addr(address));
      System.out.println("Removed " + address + " from state (serial " + ref.serial() + "). The host was not changed.");
      return ExitCode.OK;
    });
  }

  static int move(Path lab, String from, String to) throws Exception {
    return guarded(() -> {
      var ref = store(lab).move(addr(from), addr(to));
      System.out.println("Moved " + from + " to " + to + " (serial " + ref.serial() + ").");
      return ExitCode.OK;
    });
  }

  static int forceUnlock(Path lab, String id) throws Exception {
    return guarded(() -> {
      var store = store(lab);
      var holder = store.currentLock();
      if (holder.isEmpty()) {
        System.out.println("The state is not locked.");
        return ExitCode.OK;
      }
      store.forceUnlock(id);
      System.out.println("Cleared the lock " + id + " held by " + holder.get().who() + " for " + holder.get().operation() + ".");
      return ExitCode.OK;
    });
  }
}
