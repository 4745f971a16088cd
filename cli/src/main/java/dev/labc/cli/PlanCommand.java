package dev.labc.cli;

import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.plan.Plan;
import dev.labc.plan.PlanCodec;
import dev.labc.plan.PlanRenderer;
import dev.labc.planner.Planner;
import dev.labc.syntax.SyntaxTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labc plan FILE}: what apply would change, against recorded state; contacts no host. */
@Command(name = "plan", description = "Show what apply would change, against the recorded state in .labstate/.")
final class PlanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the cluster's .lab file")
  Path file;

  @Option(names = {"-out", "--out"}, paramLabel = "PLAN", description = "Save the plan (JSON) for `labc apply PLAN`.")
  Path out;

  @Option(names = "--detailed-exitcode", description = "Exit 0 with no changes, 1 on errors, 2 with changes.")
  boolean detailedExitcode;

  @Option(names = "--format", defaultValue = "text", description = "text, json or markdown.")
  String format;

  @Option(names = "--refresh", defaultValue = "true", arity = "0..1", description = "Ask the hosts in state whether recorded resources still hold (drift); --refresh=false plans from state alone.")
  boolean refresh;

  @Mixin
  VarOptions vars;

  @Mixin
  SshFlags ssh;

  @Override
  public Integer call() throws Exception {
    Optional<Planning.Planned> planned;
    try (var transport = new LazyTransport(ssh)) {
      planned = Planning.plan(file, vars, refresh ? transport : null);
    }
    if (planned.isEmpty()) return ExitCode.ERRORS;
    Plan plan = planned.get().plan();
    String rendered = switch (format) {
      case "json" -> PlanCodec.encode(plan);
      case "markdown" -> new PlanRenderer(false).markdown(plan);
      default -> new PlanRenderer(Terminal.colorStdout()).text(plan);
    };
    System.out.print(rendered);
    if (out != null) {
      // Streamed: a 10,000-node plan is never held a second time as one string.
      try (var w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        PlanCodec.encode(plan, w);
      }
      System.out.println("Saved the plan to " + out + ". Apply exactly this plan with: labc apply " + out);
    }
    return detailedExitcode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
  }

  /** The .lab path as plans show it: relative to the working directory, else its file name, never a machine's absolute path. */
  static String displayPath(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.getFileName().toString();
  }

  /** sha-256 over every module's path and text and the --var values: a saved plan refuses to apply if any changed. */
  static String inputsDigest(Path mainFile, List<SyntaxTree> modules, VarOptions vars) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    Map<String, String> sorted = new TreeMap<>();
    // Paths relative to the main file's directory: the same checkout planned from another working
    // directory, or moved, must give the same digest.
    Path base = mainFile.toAbsolutePath().normalize().getParent();
    for (SyntaxTree t : modules) {
      Path p = Path.of(t.file().path());
      String key = p.isAbsolute() || Files.exists(p) ? base.relativize(p.toAbsolutePath().normalize()).toString() : t.file().path();
      sorted.put(key, t.file().text());
    }
    for (var e : sorted.entrySet()) {
      md.update((e.getKey() + "\0" + e.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
    }
    for (String v : vars.vars.stream().sorted().toList()) md.update(("var\0" + v + "\0").getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }
}
