package dev.labc.diag;

import dev.labc.source.Span;
import java.util.Comparator;
import java.util.List;

/**
 * A problem found in the input, as a value. {@code span} is null for sourceless diagnostics
 * (a stale plan, a held lock). {@code message} is a lowercase fragment naming the thing;
 * {@code hint} says what to do, in one or two sentences, or is null.
 */
public record Diagnostic(Severity severity, Code code, Span span, String message, String hint, List<Related> related) {
  public Diagnostic {
    related = List.copyOf(related);
  }

  public static Diagnostic error(Code code, Span span, String message, String hint) {
    return new Diagnostic(Severity.ERROR, code, span, message, hint, List.of());
  }

  public static Diagnostic warning(Code code, Span span, String message, String hint) {
    return new Diagnostic(Severity.WARNING, code, span, message, hint, List.of());
  }

  public Diagnostic withRelated(Related r) {
    var list = new java.util.ArrayList<>(related);
    list.add(r);
    return new Diagnostic(severity, code, span, message, hint, list);
  }

  public Diagnostic withSeverity(Severity s) {
    return new Diagnostic(s, code, span, message, hint, related);
  }

  public boolean isError() { return severity == Severity.ERROR; }

  /** Sourceless first, then by file, offset, severity and code, so output is deterministic. */
  public static final Comparator<Diagnostic> ORDER = Comparator
      .comparing((Diagnostic d) -> d.span() == null ? "" : d.span().file().path())
      .thenComparingInt(d -> d.span() == null ? -1 : d.span().start())
      .thenComparing(Diagnostic::severity)
      .thenComparing(d -> d.code().id())
      .thenComparing(Diagnostic::message);
}
