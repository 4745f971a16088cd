package dev.labc.cli;

import dev.labc.plan.Plan;
import dev.labc.plan.PlanCodec;
import dev.labc.plan.PlanRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labc plan FILE}: what apply would change, against recorded state; contacts no host. */
@Command(name = "plan", description = "Show what apply would change, against the recorded state in .labstate/.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok (with --detailed-exitcode: no changes)", "1:errors, bad usage, or hosts that could not be refreshed",
        "2:changes present (with --detailed-exitcode only)", "70:an internal labc bug"})
final class PlanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the cluster's .lab file")
  Path file;

  @Option(names = {"-out", "--out"}, paramLabel = "PLAN", description = "Save the plan (JSON) for `labc apply PLAN`.")
  Path out;

  @Option(names = "--detailed-exitcode", description = "Exit 0 with no changes, 1 on errors (a host not refreshed among them), 2 with changes.")
  boolean detailedExitcode;

  @Option(names = "--format", defaultValue = "text", description = "text, json or markdown.")
  String format;

  @Option(names = "--refresh", defaultValue = "true", arity = "0..1", description = "Ask the hosts in state whether recorded resources still hold (drift); --refresh=false plans from state alone.")
  boolean refresh;

  @Option(names = "--serial", paramLabel = "N", description = "Show the batches of a rolling apply: nodes with a disruptive step N at a time (as `labc apply --serial N`; wins over `rollout { batch }`).")
  Integer serial;

  @Mixin
  VarOptions vars;

  @Mixin
  SelectionOptions select;

  @Mixin
  SshFlags ssh;

  @Override
  public Integer call() throws Exception {
    return new Run().call();
  }

  /**
   * The plan itself, apart from the options: picocli reflects over the command class, and the JVM
   * links it, on every labc start, even for --help; the runtime types (JGit, SSH) used here are loaded only when plan runs.
   */
  private final class Run {
    int call() throws Exception {
      if (!FormatOption.known(format, java.util.List.of("text", "json", "markdown"))) return ExitCode.USAGE;
      if (serial != null && serial < 1) {
        System.err.println("error: --serial " + serial + ": give the number of nodes per batch, 1 or more");
        return ExitCode.USAGE;
      }
      Optional<Planning.Planned> planned;
      try (var transport = new LazyTransport(ssh)) {
        planned = Planning.plan(file, vars, select, refresh ? transport : null);
      }
      if (planned.isEmpty()) return ExitCode.ERRORS;
      Plan plan = RolloutSetting.withDisruptions(planned.get().plan(), serial, planned.get().program());
      var unrefreshed = planned.get().unrefreshed();
      // With hosts not compared, "No changes" would be a claim about hosts nobody asked.
      boolean nothingButASummary = !format.equals("json") && !plan.hasChanges();
      if (unrefreshed.isEmpty() || !nothingButASummary) {
        System.out.print(switch (format) {
          case "json" -> PlanCodec.encode(plan);
          case "markdown" -> new PlanRenderer(false).markdown(plan, out != null ? "`labc show " + out + "`" : "`labc plan` of this change, run where the state is");
          default -> new PlanRenderer(Terminal.colorStdout()).text(plan);
        });
      }
      if (!format.equals("json")) Planning.reportRestoring(planned.get().restoring(), System.out);
      if (!unrefreshed.isEmpty()) {
        Planning.reportUnrefreshed(unrefreshed, format.equals("json") ? System.err : System.out);
        if (out != null) System.err.println("error: the plan was not saved to " + out + ": it was not compared with every host");
        return ExitCode.ERRORS;
      }
      if (out != null) {
        // Streamed: a 10,000-node plan is never held a second time as one string.
        try (var w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
          PlanCodec.encode(plan, w);
        }
        System.out.println("Saved the plan to " + out + ". Apply exactly this plan with: labc apply " + out
            + " (it records its --var, --var-file, --target and --exclude)");
      }
      return detailedExitcode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
    }
  }
}
