package dev.labc.cli;

import dev.labc.plan.Plan;
import dev.labc.plan.PlanCodec;
import dev.labc.plan.PlanRenderer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labc show PLAN}: a saved plan as text, JSON, or Markdown for a pull-request comment. */
@Command(name = "show", description = "Render a saved plan as text, json or markdown.")
final class ShowCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN")
  Path planFile;

  @Option(names = "--format", defaultValue = "text", description = "text, json or markdown.")
  String format;

  @Option(names = "--full-plan-at", paramLabel = "TEXT",
      description = "Markdown: where readers find the whole plan when a comment is cut to fit (default: labc show PLAN).")
  String fullPlanAt;

  @Override
  public Integer call() throws Exception {
    if (!FormatOption.known(format, java.util.List.of("text", "json", "markdown"))) return ExitCode.USAGE;
    Plan plan;
    try {
      plan = PlanCodec.decode(Files.readString(planFile), planFile.toString());
    } catch (NoSuchFileException e) {
      System.err.println("error: plan file not found: " + planFile);
      return ExitCode.ERRORS;
    } catch (java.nio.charset.MalformedInputException e) {
      System.err.println("error: " + planFile + " is not a labc plan (not UTF-8 text)");
      return ExitCode.ERRORS;
    } catch (PlanCodec.PlanFileException e) {
      System.err.println("error: " + e.getMessage() + "\n   = help: " + e.hint);
      return ExitCode.ERRORS;
    }
    System.out.print(switch (format) {
      case "json" -> PlanCodec.encode(plan);
      case "markdown" -> new PlanRenderer(false).markdown(plan, fullPlanAt != null ? fullPlanAt : "`labc show " + planFile + "`");
      default -> new PlanRenderer(Terminal.colorStdout()).text(plan);
    });
    return ExitCode.OK;
  }
}
