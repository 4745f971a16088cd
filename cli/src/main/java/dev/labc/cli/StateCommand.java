package dev.labc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code labc state list|show|history|rm|mv}: read and repair the recorded state in the
 * {@code .labstate} git repository beside the .lab file. rm and mv take the lock and commit.
 * Only the options: what each does is in {@link StateActions}, which picocli's reflection over
 * these classes at every start (even --help) does not reach, so JGit is loaded only when they run.
 */
@Command(name = "state", description = "Inspect or repair the recorded state (.labstate/ beside FILE).",
    subcommands = {StateCommand.ListCmd.class, StateCommand.ShowCmd.class, StateCommand.HistoryCmd.class,
        StateCommand.RmCmd.class, StateCommand.MvCmd.class})
final class StateCommand implements Runnable {
  @Override
  public void run() {
    System.err.println("usage: labc state list|show|history|rm|mv FILE.lab ...; see labc state --help");
  }

  @Command(name = "list", description = "List the recorded resources.")
  static final class ListCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;

    @Override
    public Integer call() throws Exception {
      return StateActions.list(lab);
    }
  }

  @Command(name = "show", description = "Show one recorded resource (secrets as (secret)).")
  static final class ShowCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;
    @Parameters(index = "1", paramLabel = "ADDRESS") String address;

    @Override
    public Integer call() throws Exception {
      return StateActions.show(lab, address);
    }
  }

  @Command(name = "history", description = "The state's revisions, newest first.")
  static final class HistoryCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;

    @Override
    public Integer call() throws Exception {
      return StateActions.history(lab);
    }
  }

  @Command(name = "rm", description = "Forget a resource without touching the host.")
  static final class RmCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;
    @Parameters(index = "1", paramLabel = "ADDRESS") String address;

    @Override
    public Integer call() throws Exception {
      return StateActions.remove(lab, address);
    }
  }

  @Command(name = "mv", description = "Rename a recorded resource (after renaming it in the .lab).")
  static final class MvCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path lab;
    @Parameters(index = "1", paramLabel = "FROM") String from;
    @Parameters(index = "2", paramLabel = "TO") String to;

    @Override
    public Integer call() throws Exception {
      return StateActions.move(lab, from, to);
    }
  }
}
