package dev.labc.compile;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Severity;
import dev.labc.eval.Evaluator;
import dev.labc.graph.ResourceGraph;
import java.util.List;

/**
 * One file compiled as far as it goes: the evaluation, every diagnostic in report order, and the
 * resource graph. {@code graph} is null unless evaluation and the cluster checks passed;
 * {@code evaluation} is null only when compiling hit a bug in labc.
 */
public record Checked(Evaluator.Result evaluation, List<Diagnostic> diagnostics, ResourceGraph graph) {
  public Checked {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean ok() { return diagnostics.stream().noneMatch(Diagnostic::isError); }

  /** Whether checking hit a bug in labc (reported as an E0001 diagnostic on the file). */
  public boolean hitBug() { return diagnostics.stream().anyMatch(d -> d.code() == Code.INTERNAL_ERROR); }

  /**
   * As plan and apply see it: a secret whose source is unset is an error there (they would write
   * it), where `check` only warns.
   */
  public Checked requiringSecrets() {
    return new Checked(evaluation, diagnostics.stream().map(d -> d.code() == Code.SECRET_UNSET
        ? new Diagnostic(Severity.ERROR, d.code(), d.span(), d.message(), d.hint(), d.related()) : d).toList(), graph);
  }
}
