package dev.labc.diag;

import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics inside one stage, so a stage reports every problem it finds rather than
 * the first. Caps the count per run: binary junk would otherwise yield one error per byte.
 */
public final class DiagnosticCollector {
  public static final int DEFAULT_LIMIT = 100;
  private final List<Diagnostic> items = new ArrayList<>();
  private final int limit;
  private int dropped;

  public DiagnosticCollector() { this(DEFAULT_LIMIT); }
  public DiagnosticCollector(int limit) { this.limit = limit; }

  public void add(Diagnostic d) {
    if (items.size() >= limit) { dropped++; return; }
    items.add(d);
  }

  public void error(Code code, Span span, String message, String hint) {
    add(Diagnostic.error(code, span, message, hint));
  }

  public void warning(Code code, Span span, String message, String hint) {
    add(Diagnostic.warning(code, span, message, hint));
  }

  public void addAll(List<Diagnostic> ds) { ds.forEach(this::add); }

  public boolean hasErrors() { return items.stream().anyMatch(Diagnostic::isError) || dropped > 0; }

  public int size() { return items.size(); }

  /** The diagnostics in deterministic order, with a note when some were dropped. */
  public List<Diagnostic> toList() {
    // The same problem reached along two paths (a cycle seen from each end) is reported once.
    var out = new ArrayList<>(new java.util.LinkedHashSet<>(items));
    out.sort(Diagnostic.ORDER);
    if (dropped > 0) {
      out.add(new Diagnostic(Severity.ERROR, Code.TOO_MANY_ERRORS, null,
          dropped + " more errors not shown", "fix the errors above and run again", List.of()));
    }
    return List.copyOf(out);
  }
}
