package dev.labc.diag;

import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects diagnostics inside one stage, so a stage reports every problem it finds rather than
 * the first. A diagnostic identical to one already held (a mistake inside a `for`, met once per
 * pass) is counted, not kept again: one mistake is one diagnostic. Caps the count of distinct
 * diagnostics per run: binary junk would otherwise yield one error per byte.
 */
public final class DiagnosticCollector {
  public static final int DEFAULT_LIMIT = 100;
  /** Each distinct diagnostic and how many times it was reported. */
  private final Map<Diagnostic, Integer> items = new LinkedHashMap<>();
  private final int limit;
  private int dropped;

  public DiagnosticCollector() { this(DEFAULT_LIMIT); }
  public DiagnosticCollector(int limit) { this.limit = limit; }

  public void add(Diagnostic d) {
    Integer seen = items.get(d);
    if (seen != null) { items.put(d, seen + 1); return; }
    if (items.size() >= limit) { dropped++; return; }
    items.put(d, 1);
  }

  public void error(Code code, Span span, String message, String hint) {
    add(Diagnostic.error(code, span, message, hint));
  }

  public void warning(Code code, Span span, String message, String hint) {
    add(Diagnostic.warning(code, span, message, hint));
  }

  public void addAll(List<Diagnostic> ds) { ds.forEach(this::add); }

  public boolean hasErrors() { return dropped > 0 || items.keySet().stream().anyMatch(Diagnostic::isError); }

  public int size() { return items.size(); }

  /**
   * The diagnostics in deterministic order, each repeated one saying how often it was met, with a
   * note when some were dropped.
   */
  public List<Diagnostic> toList() {
    var out = new ArrayList<Diagnostic>(items.size() + 1);
    items.forEach((d, n) -> out.add(n == 1 ? d : repeated(d, n)));
    out.sort(Diagnostic.ORDER);
    if (dropped > 0) {
      out.add(new Diagnostic(Severity.ERROR, Code.TOO_MANY_ERRORS, null,
          dropped + " more errors not shown", "fix the errors above and run again", List.of()));
    }
    return List.copyOf(out);
  }

  /** A diagnostic met {@code n} times at one place: on every pass of a loop around it, or in the body of a kind with n instances. */
  static Diagnostic repeated(Diagnostic d, int n) {
    return new Diagnostic(d.severity(), d.code(), d.span(), d.message() + String.format(Locale.ROOT, " (reached %,d times)", n), d.hint(), d.related());
  }
}
