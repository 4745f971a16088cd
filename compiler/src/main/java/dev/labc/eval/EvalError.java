package dev.labc.eval;

import dev.labc.diag.Diagnostic;

/**
 * Unwinds the evaluation of one value after its diagnostic was recorded. Internal to
 * evaluation: callers of the evaluator only ever see diagnostics.
 */
final class EvalError extends RuntimeException {
  /** Null for {@link #alreadyReported()}. */
  final Diagnostic diagnostic;

  EvalError(Diagnostic diagnostic) {
    super(diagnostic == null ? "already reported" : diagnostic.message(), null, false, false);
    this.diagnostic = diagnostic;
  }

  /** Unwinds a value that uses one already refused (a module param given a bad value): no second diagnostic. */
  static EvalError alreadyReported() { return new EvalError(null); }
}
