package dev.labc.eval;

import dev.labc.diag.Diagnostic;

/**
 * Unwinds the evaluation of one value after its diagnostic was recorded. Internal to
 * evaluation: callers of the evaluator only ever see diagnostics.
 */
final class EvalError extends RuntimeException {
  final Diagnostic diagnostic;

  EvalError(Diagnostic diagnostic) {
    super(diagnostic.message(), null, false, false);
    this.diagnostic = diagnostic;
  }
}
