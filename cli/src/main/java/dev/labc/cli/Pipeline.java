package dev.labc.cli;

import dev.labc.compile.Checked;
import dev.labc.compile.LabCompiler;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.eval.Evaluator;
import dev.labc.module.ModuleResolver;
import dev.labc.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The commands' side of compiling: the compiler with the bundled stdlib (this jar's class path),
 * and reading a file named on the command line with its diagnostics rendered to stderr.
 */
public final class Pipeline {
  private Pipeline() {}

  /** The compiler every command uses; the stdlib is the one bundled with this build. */
  public static final LabCompiler COMPILER = new LabCompiler(new ModuleResolver(Pipeline.class.getClassLoader()), Main.VERSION);

  /**
   * Reads and checks one .lab file for a command that needs its program: every diagnostic goes
   * to stderr; the result comes back only when there were no errors.
   */
  static Optional<Checked> checkFile(Path path, Evaluator.Options options) {
    return checkFile(path, options, false);
  }

  /**
   * As {@link #checkFile(Path, Evaluator.Options)}; with {@code secretsRequired} (plan and apply) a
   * secret whose source is unset is an error rather than `check`'s warning.
   */
  static Optional<Checked> checkFile(Path path, Evaluator.Options options, boolean secretsRequired) {
    var in = SourceInputs.read(List.of(path));
    var renderer = new HumanDiagnosticRenderer(Terminal.colorStderr());
    if (in.files.isEmpty()) {
      System.err.print(renderer.render(in.diagnostics));
      return Optional.empty();
    }
    Checked checked = COMPILER.check(in.files.get(0), options);
    if (secretsRequired) checked = checked.requiringSecrets();
    if (!checked.diagnostics().isEmpty()) System.err.print(renderer.render(checked.diagnostics()));
    return checked.ok() ? Optional.of(checked) : Optional.empty();
  }

  /** What `labc check` reports for one file. */
  public static Checked check(SourceFile file, Evaluator.Options options) {
    return COMPILER.check(file, options);
  }

  /** {@link LabCompiler#checkOrReportBug}, with the bundled stdlib. */
  public static Checked checkOrReportBug(SourceFile file, Evaluator.Options options) {
    return COMPILER.checkOrReportBug(file, options);
  }

  /** The E0001 diagnostic for a bug in labc met while {@code doing} (checking, formatting) {@code file}. */
  static Diagnostic bug(SourceFile file, String doing, Throwable e) {
    return COMPILER.bug(file, doing, e);
  }
}
