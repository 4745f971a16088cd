package dev.labc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the `labc` command line. */
@Command(name = "labc", mixinStandardHelpOptions = true, version = "labc " + Main.VERSION,
    description = "Declarative infrastructure for AI research GPU clusters.",
    subcommands = {CheckCommand.class, FmtCommand.class, PlanCommand.class, ShowCommand.class, ApplyCommand.class, FactsCommand.class, StateCommand.class, ForceUnlockCommand.class, GraphCommand.class, LspCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final String VERSION = "0.1.0";

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code; no exception escapes. */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> internalError(ex, cmd.getErr()));
    return cl.execute(args);
  }

  /** An exception that reached here is a labc bug, never bad input: say so, keep the stack out of the way. */
  static int internalError(Exception ex, PrintWriter err) {
    err.println("labc: internal error (this is a bug in labc " + VERSION + ", not in your input): "
        + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
    if (System.getenv("LABC_DEBUG") != null) {
      ex.printStackTrace(err);
    } else {
      err.println("  rerun with LABC_DEBUG=1 to see the stack trace, and report it with the input that caused it");
    }
    err.flush();
    return ExitCode.INTERNAL;
  }
}
