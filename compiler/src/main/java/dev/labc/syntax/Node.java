package dev.labc.syntax;

import dev.labc.source.Span;

/** Every syntax node is immutable and carries the span of source it came from. */
public sealed interface Node permits Stmt, Expr, Ident, Annotation, Argument, TypeExpr, Expr.StringPart, Expr.ObjectEntry, Stmt.FieldDecl, Stmt.EnumMember {
  Span span();
}
