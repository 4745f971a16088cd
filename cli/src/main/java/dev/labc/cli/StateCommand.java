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
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code labc state list|show|history|rm|mv}: read and repair the recorded state in the
 * {@code .labstate} git repository beside the .lab file. rm and mv take the lock and commit.
 */
@Command(name = "state", description = "Inspect or repair the recorded state (.labstate/ beside FILE).",
    subcommands = {StateCommand.ListCmd.class, StateCommand.ShowCmd.class, StateCommand.HistoryCmd.class,
        StateCommand.RmCmd.class, StateCommand.MvCmd.class})
final class StateCommand implements Runnable {
  @Override
  public void run() {
    System.err.println("usage: labc state list|show|history|rm|mv FILE.lab ...; see labc state --help");
  }

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

  @Command(name = "list", description = "List the recorded resources.")
  static final class ListCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;

    @Override
    public Integer call() throws Exception {
      return guarded(() -> {
        // A tainted resource is one an apply started changing and did not finish: say so.
        for (ResourceState rs : store(lab).read().state().resources().values()) {
          System.out.println(rs.addr() + (rs.status() == dev.labc.state.ResourceStatus.TAINTED ? "  (tainted: an apply did not finish it)" : ""));
        }
        return ExitCode.OK;
      });
    }
  }

  @Command(name = "show", description = "Show one recorded resource (secrets as (secret)).")
  static final class ShowCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;
    @Parameters(index = "1", paramLabel = "ADDRESS") String address;

    @Override
    public Integer call() throws Exception {
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
  }

  @Command(name = "history", description = "The state's revisions, newest first.")
  static final class HistoryCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;

    @Override
    public Integer call() throws Exception {
      return guarded(() -> {
        for (var c : store(lab).history()) {
          System.out.println(c.commitId().substring(0, 12) + "  serial " + c.serial() + "  " + c.time() + "  " + c.author() + "  " + c.subject());
        }
        return ExitCode.OK;
      });
    }
  }

  @Command(name = "rm", description = "Forget a resource without touching the host.")
  static final class RmCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;
    @Parameters(index = "1", paramLabel = "ADDRESS") String address;

    @Override
    public Integer call() throws Exception {
      return guarded(() -> {
        var ref = store(lab).remove(addr(address));
        System.out.println("Removed " + address + " from state (serial " + ref.serial() + "). The host was not changed.");
        return ExitCode.OK;
      });
    }
  }

  @Command(name = "mv", description = "Rename a recorded resource (after renaming it in the .lab).")
  static final class MvCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;
    @Parameters(index = "1", paramLabel = "FROM") String from;
    @Parameters(index = "2", paramLabel = "TO") String to;

    @Override
    public Integer call() throws Exception {
      return guarded(() -> {
        var ref = store(lab).move(addr(from), addr(to));
        System.out.println("Moved " + from + " to " + to + " (serial " + ref.serial() + ").");
        return ExitCode.OK;
      });
    }
  }
}
