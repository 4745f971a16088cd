package dev.labc.source;

/** A 1-based line and column, computed from an offset only when needed. */
public record Position(int line, int column) {
  @Override public String toString() { return line + ":" + column; }
}
