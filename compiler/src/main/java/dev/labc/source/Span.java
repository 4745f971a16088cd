package dev.labc.source;

/**
 * A half-open range of character offsets {@code [start, end)} in one source file: the one
 * location type of labc. Line and column are derived on demand from the file's line table.
 */
public record Span(SourceFile file, int start, int end) {
  public Span {
    if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
  }

  public Position begin() { return file.position(start); }
  public Position finish() { return file.position(end); }
  public int length() { return end - start; }

  /** The smallest span covering both. */
  public Span to(Span other) {
    return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
  }

  public String text() { return file.text().substring(start, Math.min(end, file.text().length())); }

  /** {@code path:line:col}, the form editors jump to. */
  @Override public String toString() { return file.path() + ":" + begin(); }
}
