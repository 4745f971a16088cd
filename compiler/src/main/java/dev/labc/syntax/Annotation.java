package dev.labc.syntax;

import dev.labc.source.Span;
import java.util.List;

/** {@code @name(args)} before a declaration, e.g. {@code @waive(check: "uid-mismatch", reason: "...")}. */
public record Annotation(Span span, Ident name, List<Argument> args) implements Node {
  public Annotation { args = List.copyOf(args); }
}
