package dev.labc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the `labc` command line. */
@Command(name = "labc", mixinStandardHelpOptions = true, version = "labc 0.1.0",
    description = "Declarative infrastructure for AI research GPU clusters.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
