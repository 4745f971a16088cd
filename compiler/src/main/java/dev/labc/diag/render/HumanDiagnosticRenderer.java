package dev.labc.diag.render;

import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.diag.Severity;
import dev.labc.source.Position;
import dev.labc.source.Span;
import java.util.List;

/**
 * Renders diagnostics for people in the style of rustc and Elm: a header with the code, the
 * location editors can jump to, the source line with a caret under the span, and a help line.
 */
public final class HumanDiagnosticRenderer {
  /** Lines longer than this are shown as a window around the span (a 10 MB line stays readable). */
  private static final int WINDOW = 100;
  private final boolean color;

  public HumanDiagnosticRenderer(boolean color) { this.color = color; }

  public String render(List<Diagnostic> diagnostics) {
    var sb = new StringBuilder();
    for (Diagnostic d : diagnostics) sb.append(render(d)).append('\n');
    return sb.toString();
  }

  public String render(Diagnostic d) {
    var sb = new StringBuilder();
    String sev = d.severity().label();
    sb.append(paint(sev + "[" + d.code().id() + "]", d.severity() == Severity.ERROR ? "1;31" : d.severity() == Severity.WARNING ? "1;33" : "1;36"))
        .append(paint(": " + d.message(), "1")).append('\n');
    if (d.span() != null) {
      snippet(sb, d.span(), null);
    }
    for (Related r : d.related()) {
      if (r.span() == null) {
        sb.append("   = note: ").append(r.message()).append('\n');
      } else {
        snippet(sb, r.span(), r.message());
      }
    }
    if (d.hint() != null) {
      sb.append("   = ").append(paint("help", "1;36")).append(": ").append(d.hint()).append('\n');
    }
    return sb.toString();
  }

  private void snippet(StringBuilder sb, Span span, String label) {
    Position p = span.begin();
    String gutter = " ".repeat(String.valueOf(p.line()).length());
    sb.append(gutter).append(paint("--> ", "1;34")).append(span.file().path()).append(':').append(p).append('\n');
    sb.append(gutter).append(paint(" |", "1;34")).append('\n');
    String raw = span.file().line(p.line());
    int caretStart = p.column() - 1;
    Position e = span.finish();
    int caretEnd = e.line() == p.line() ? e.column() - 1 : raw.length();
    if (caretEnd <= caretStart) caretEnd = caretStart + 1;
    // Window very long lines around the span.
    int from = 0;
    String prefix = "", suffix = "";
    if (raw.length() > WINDOW * 2) {
      from = Math.max(0, caretStart - WINDOW / 2);
      int to = Math.min(raw.length(), from + WINDOW);
      prefix = from > 0 ? "..." : "";
      suffix = to < raw.length() ? "..." : "";
      raw = raw.substring(from, to);
    }
    var shown = new StringBuilder(prefix);
    var carets = new StringBuilder(" ".repeat(prefix.length()));
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      int col = i + from;
      String out = c == '\t' ? "    " : unshowable(c) ? "?" : String.valueOf(c);
      shown.append(out);
      char mark = col >= caretStart && col < caretEnd ? '^' : ' ';
      carets.append(String.valueOf(mark).repeat(out.length()));
    }
    // A span at or past the end of the line (a missing token) gets its caret just past the text.
    if (caretStart >= raw.length() + from) carets.append('^');
    shown.append(suffix);
    sb.append(p.line()).append(paint(" | ", "1;34")).append(shown).append('\n');
    sb.append(gutter).append(paint(" | ", "1;34")).append(paint(carets.toString().stripTrailing(), "1;31"));
    if (label != null) sb.append(' ').append(label);
    sb.append('\n');
  }

  /**
   * Characters that would not take exactly one column: control codes, replaced bytes, and
   * zero-width marks and format characters (a combining accent in junk input would shift the caret).
   */
  private static boolean unshowable(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c) || c == '\uFFFD' || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK || type == Character.FORMAT;
  }

  private String paint(String s, String code) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
