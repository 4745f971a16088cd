package dev.labc.syntax;

import dev.labc.source.Span;

/** A name as written: a declaration's name, an attribute key, a block kind. */
public record Ident(Span span, String name) implements Node {
  @Override public String toString() { return name; }
}
