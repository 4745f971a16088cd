package dev.labc.syntax;

import dev.labc.source.Span;

/** A comment as written ({@code //}, {@code ///}, {@code #} or {@code /* *\/}), kept for fmt and docs. */
public record Comment(Span span, String text) {
  public boolean isDoc() { return text.startsWith("///"); }
  public boolean isBlock() { return text.startsWith("/*"); }
}
