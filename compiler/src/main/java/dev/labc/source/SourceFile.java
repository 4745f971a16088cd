package dev.labc.source;

import java.util.Arrays;

/**
 * The text of one input file and its line table. {@code path} is the display path used in
 * diagnostics (relative as the user gave it, never made absolute, so plans and goldens are
 * stable across machines).
 */
public final class SourceFile {
  private final String path;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(String path, String text) {
    this.path = path;
    this.text = text;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  public String path() { return path; }
  public String text() { return text; }
  public int lineCount() { return lineStarts.length; }

  /** The 1-based line and column (in UTF-16 units, 1-based) of a character offset. */
  public Position position(int offset) {
    int off = Math.max(0, Math.min(offset, text.length()));
    int idx = Arrays.binarySearch(lineStarts, off);
    int line = idx >= 0 ? idx : -idx - 2;
    return new Position(line + 1, off - lineStarts[line] + 1);
  }

  /** The text of a 1-based line without its line terminator. */
  public String line(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
    return text.substring(start, end);
  }

  /** The offset where a 1-based line starts. */
  public int lineStart(int line) { return lineStarts[line - 1]; }

  public Span span(int start, int end) { return new Span(this, start, end); }

  @Override public String toString() { return path; }
}
