package dev.labc.types;

import dev.labc.source.Span;
import dev.labc.syntax.Expr;
import java.util.SequencedMap;

/**
 * A kind or record type declared in .lab ({@code schema node { ... }}). {@code isKind} marks
 * schemas that may be top-level blocks; {@code doc} is the `///` comment, for hover and docs.
 */
public record Schema(String name, boolean isKind, SequencedMap<String, Field> fields, Span span, String doc) {

  /** One field: its type, default (null: required unless optional), and documentation. */
  public record Field(String name, Type type, Expr defaultValue, Span span, String doc) {
    public boolean required() {
      return defaultValue == null && !(type instanceof Type.OptionalT);
    }
  }
}
