package dev.labc.cli;

import dev.labc.check.ClusterChecks;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.eval.Evaluator;
import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.module.ModuleResolver;
import dev.labc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** The compile pipeline the commands share: evaluate, then cluster checks; stop at the first stage with errors. */
public final class Pipeline {
  private Pipeline() {}

  /** {@code graph} is null unless evaluation and the cluster checks passed. */
  public record Checked(Evaluator.Result evaluation, List<Diagnostic> diagnostics, ResourceGraph graph) {
    public boolean ok() { return diagnostics.stream().noneMatch(Diagnostic::isError); }

    /** Whether checking hit a bug in labc (reported as an E0001 diagnostic on the file). */
    public boolean hitBug() { return diagnostics.stream().anyMatch(d -> d.code() == Code.INTERNAL_ERROR); }
  }

  /**
   * Reads and checks one .lab file for a command that needs its program: every diagnostic goes
   * to stderr; the result comes back only when there were no errors.
   */
  static java.util.Optional<Checked> checkFile(java.nio.file.Path path, Evaluator.Options options) {
    return checkFile(path, options, false);
  }

  /**
   * As {@link #checkFile(java.nio.file.Path, Evaluator.Options)}; with {@code secretsRequired} (plan
   * and apply) a secret whose source is unset is an error rather than `check`'s warning.
   */
  static java.util.Optional<Checked> checkFile(java.nio.file.Path path, Evaluator.Options options, boolean secretsRequired) {
    var in = SourceInputs.read(List.of(path));
    var renderer = new HumanDiagnosticRenderer(Terminal.colorStderr());
    if (in.files.isEmpty()) {
      System.err.print(renderer.render(in.diagnostics));
      return java.util.Optional.empty();
    }
    Checked checked = check(in.files.get(0), options);
    if (secretsRequired) checked = new Checked(checked.evaluation(), checked.diagnostics().stream().map(d -> d.code() == dev.labc.diag.Code.SECRET_UNSET
        ? new Diagnostic(dev.labc.diag.Severity.ERROR, d.code(), d.span(), d.message(), d.hint(), d.related()) : d).toList(), checked.graph());
    if (!checked.diagnostics().isEmpty()) System.err.print(renderer.render(checked.diagnostics()));
    return checked.ok() ? java.util.Optional.of(checked) : java.util.Optional.empty();
  }

  /** What `labc check` reports for one file; public because `labc lsp` must report exactly the same. */
  public static Checked check(SourceFile file, Evaluator.Options options) {
    var resolver = new ModuleResolver(Pipeline.class.getClassLoader());
    Evaluator.Result r = Evaluator.evaluate(file, resolver, options);
    var diags = new ArrayList<>(r.diagnostics());
    ResourceGraph graph = null;
    if (r.ok()) diags.addAll(ClusterChecks.run(r.program()));
    // The steps' order, conflicts and cycles are check errors too: found before anything runs.
    if (r.ok() && diags.stream().noneMatch(Diagnostic::isError)) {
      var built = ResourceGraphBuilder.buildChecked(r.program());
      diags.addAll(built.diagnostics());
      graph = built.graph();
    }
    diags.sort(Diagnostic.ORDER);
    return new Checked(r, diags, graph);
  }

  /**
   * {@link #check}, with a bug in labc (an exception, never the input's fault) turned into an E0001
   * diagnostic on the file, so a caller checking several files reports every one of them.
   */
  public static Checked checkOrReportBug(SourceFile file, Evaluator.Options options) {
    try {
      return check(file, options);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return new Checked(null, List.of(bug(file, "checking", e)), null);
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
