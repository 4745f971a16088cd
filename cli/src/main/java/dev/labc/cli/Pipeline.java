package dev.labc.cli;

import dev.labc.check.ClusterChecks;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.eval.Evaluator;
import dev.labc.module.ModuleResolver;
import dev.labc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** The compile pipeline the commands share: evaluate, then cluster checks; stop at the first stage with errors. */
public final class Pipeline {
  private Pipeline() {}

  public record Checked(Evaluator.Result evaluation, List<Diagnostic> diagnostics) {
    public boolean ok() { return diagnostics.stream().noneMatch(Diagnostic::isError); }

    /** Whether checking hit a bug in labc (reported as an E0001 diagnostic on the file). */
    public boolean hitBug() { return diagnostics.stream().anyMatch(d -> d.code() == Code.INTERNAL_ERROR); }
  }

  /**
   * Reads and checks one .lab file for a command that needs its program: every diagnostic goes
   * to stderr; the result comes back only when there were no errors.
   */
  static java.util.Optional<Checked> checkFile(java.nio.file.Path path, Evaluator.Options options) {
    var in = SourceInputs.read(List.of(path));
    var renderer = new HumanDiagnosticRenderer(Terminal.colorStderr());
    if (in.files.isEmpty()) {
      System.err.print(renderer.render(in.diagnostics));
      return java.util.Optional.empty();
    }
    Checked checked = check(in.files.get(0), options);
    if (!checked.diagnostics().isEmpty()) System.err.print(renderer.render(checked.diagnostics()));
    return checked.ok() ? java.util.Optional.of(checked) : java.util.Optional.empty();
  }

  /** What `labc check` reports for one file; public because `labc lsp` must report exactly the same. */
  public static Checked check(SourceFile file, Evaluator.Options options) {
    var resolver = new ModuleResolver(Pipeline.class.getClassLoader());
    Evaluator.Result r = Evaluator.evaluate(file, resolver, options);
    var diags = new ArrayList<>(r.diagnostics());
    if (r.ok()) diags.addAll(ClusterChecks.run(r.program()));
    diags.sort(Diagnostic.ORDER);
    return new Checked(r, diags);
  }

  /**
   * {@link #check}, with a bug in labc (an exception, never the input's fault) turned into an E0001
   * diagnostic on the file, so a caller checking several files reports every one of them.
   */
  public static Checked checkOrReportBug(SourceFile file, Evaluator.Options options) {
    try {
      return check(file, options);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return new Checked(null, List.of(bug(file, "checking", e)));
    }
  }

  /** The E0001 diagnostic for a bug in labc met while {@code doing} (checking, formatting) {@code file}. */
  static Diagnostic bug(SourceFile file, String doing, Throwable e) {
    if (System.getenv("LABC_DEBUG") != null) e.printStackTrace();
    return Diagnostic.error(Code.INTERNAL_ERROR, file.span(0, 0),
        "internal error while " + doing + " this file (a bug in labc " + Main.VERSION + ", not in your input): "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
        "rerun with LABC_DEBUG=1 to see the stack trace, and report it with this file");
  }
}
