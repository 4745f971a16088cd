package dev.labc.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in its own JVM by {@link PlanDeterminismTest}: plans each .lab file given (JSON, no refresh)
 * and writes the plan beside it as {@code <file>.<tag>.json}. Exit 1 when any plan failed.
 */
final class PlanEachMain {
  private PlanEachMain() {}

  public static void main(String[] args) throws Exception {
    String tag = args[0];
    int failed = 0;
    for (int i = 1; i < args.length; i++) {
      CliRun run = CliRun.run("plan", "--format", "json", "--refresh=false", args[i]);
      if (run.exitCode() != 0) {
        failed++;
        System.err.println(args[i] + ": exit " + run.exitCode() + "\n" + run.err());
      }
      Files.writeString(Path.of(args[i] + "." + tag + ".json"), run.out(), StandardCharsets.UTF_8);
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
