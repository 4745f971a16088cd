package dev.labc.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of the `labc` command line. */
// INHERIT: every command takes -h/--help (`labc plan --help`), as people expect from Terraform and git.
@Command(name = "labc", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "labc " + Main.VERSION,
    description = "Declarative infrastructure for AI research GPU clusters.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok; for plan, no changes", "1:errors, bad usage among them (an unknown flag or --format)",
        "2:changes present (plan --detailed-exitcode only)", "70:an internal labc bug, never bad input"})
public final class Main implements Runnable {
  public static final String VERSION = "0.1.0";

  /**
   * labc's commands, in the order `labc --help` lists them. A method, not a constant: Main's static
   * initialiser runs before the help pages are printed, and these classes (picocli's among them) are
   * not needed there.
   */
  static List<Class<?>> commands() {
    return List.of(CheckCommand.class, FmtCommand.class, PlanCommand.class, ShowCommand.class,
        ApplyCommand.class, FactsCommand.class, StateCommand.class, ForceUnlockCommand.class, GraphCommand.class,
        LspCommand.class, CommandLine.HelpCommand.class);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Commands that leave no thread, shutdown hook or open file behind when run returns. */
  private static final java.util.Set<String> SHORT = java.util.Set.of("-h", "--help", "-V", "--version", "help", "check", "fmt", "graph", "show");

  public static void main(String[] args) {
    // Help and version are printed from pages rendered at build time (HelpPages): building picocli's
    // model of the commands costs more than the rest of a start, and these pages never change.
    boolean color = Terminal.colorStdout();
    String page = HelpPages.lookup(color, args);
    if (page != null) {
      System.out.print(page);
      System.out.flush();
      Runtime.getRuntime().halt(ExitCode.OK);
    }
    // picocli looks for Groovy's Closure class once, by name: a miss that opens every jar on the class path.
    System.setProperty("picocli.disable.closures", "true");
    int code = run(color, args);
    if (args.length == 0 || SHORT.contains(args[0])) {
      // System.exit looks up a System.Logger to log the exit, and that scans every jar on the class
      // path for a LoggerFinder, which costs more than --help itself; these commands have nothing
      // left to run at exit, so end the process as soon as the output is out.
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(code);
    }
    System.exit(code);
  }

  /** Runs a command line and returns its exit code; no exception escapes. */
  public static int run(String... args) {
    return run(Terminal.colorStdout(), args);
  }

  /** With colour in the usage or not, as {@link Terminal} decides for everything else labc prints. */
  static int run(boolean color, String... args) {
    CommandLine cl = commandLine(args);
    cl.setColorScheme(Help.defaultColorScheme(color ? Help.Ansi.ON : Help.Ansi.OFF));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> internalError(ex, cmd.getErr()));
    usageExitCode(cl);
    return cl.execute(args);
  }

  /**
   * The command tree these arguments need. picocli builds each command it is given by reflection
   * before it parses anything, most of a cold start's time, so: a command line that starts with a
   * command's name gets that command alone (its parsing, usage and errors never look at the others);
   * the top-level help gets each command's name and summary only (CommandTreeTest holds its text
   * to the whole tree's); anything else (`help COMMAND`, a mistyped command) gets every command.
   */
  static CommandLine commandLine(String... args) {
    String first = args.length == 0 ? null : args[0];
    if (args.length <= 1 && (first == null || first.equals("-h") || first.equals("--help"))) {
      var cl = new CommandLine(new Main());
      for (Class<?> c : commands()) cl.addSubcommand(summary(c));
      return cl;
    }
    for (Class<?> c : commands()) {
      if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
        return new CommandLine(new Main()).addSubcommand(c);
      }
    }
    return fullTree();
  }

  /** Every command, built from its class. */
  static CommandLine fullTree() {
    var cl = new CommandLine(new Main());
    for (Class<?> c : commands()) cl.addSubcommand(c);
    // Also the tree a command's own usage errors (--var, --var-file) are reported against.
    usageExitCode(cl);
    return cl;
  }

  /** A command as the top-level help lists it: its name, aliases, header and description, none of its options. */
  private static CommandLine summary(Class<?> command) {
    Command a = command.getAnnotation(Command.class);
    var spec = CommandSpec.create().name(a.name()).aliases(a.aliases());
    spec.usageMessage().header(a.header()).description(a.description()).hidden(a.hidden());
    return new CommandLine(spec);
  }

  /** Bad usage exits 1 on every command (picocli's default is 2, which CI reads as "changes present"). */
  private static void usageExitCode(CommandLine cl) {
    cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
    cl.getSubcommands().values().forEach(Main::usageExitCode);
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
