package dev.labc.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code labc apply}: not available yet, and says so plainly rather than pretending. */
@Command(name = "apply", description = "Apply a saved plan (not implemented yet: needs the SSH runtime).")
final class ApplyCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "PLAN|FILE")
  List<String> args;

  @Override
  public Integer call() {
    System.err.println("labc apply: not implemented yet. Applying needs the SSH runtime (issue #6), which has not landed.");
    System.err.println("  `labc plan -out cluster.plan` saves a plan now; `labc show cluster.plan` renders it.");
    return ExitCode.ERRORS;
  }
}
