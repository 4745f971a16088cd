package dev.labc.lsp;

import dev.labc.syntax.Expr;
import dev.labc.syntax.Ident;
import dev.labc.syntax.Stmt;
import dev.labc.source.Span;
import java.util.List;

/**
 * What the cursor is on, in syntax terms, with the context needed to resolve it: the blocks
 * around an attribute.
 */
sealed interface Target {
  /** {@code address} in {@code address = ...}; {@code blocks} are the enclosing blocks, outermost first. */
  record AttributeName(Ident name, List<Stmt.Block> blocks) implements Target {}

  /** {@code node} in {@code node head {}} or {@code gpu} in a nested {@code gpu {}}; {@code blocks} ends with this block. */
  record BlockKind(Stmt.Block block, List<Stmt.Block> blocks) implements Target {}

  /** {@code head} in {@code node head {}}: the declaration of an entity. */
  record BlockLabel(Stmt.Block block) implements Target {}

  /** A name in an expression: what it names is in the evaluator's {@link dev.labc.eval.Bindings}. */
  record NameRef(Expr.Name name) implements Target {}

  /** The member in {@code head.address}. */
  record MemberRef(Expr.Member member) implements Target {}

  /** The path of an {@code import}. */
  record ImportPath(Stmt.Import stmt) implements Target {}

  /** A type name written in a schema field or a param: {@code gpu_spec}, or {@code node} in {@code list(node)}. */
  record TypeName(String name, Span span) implements Target {}

  /** The name in {@code let x}, {@code param x}, {@code schema x}, {@code enum x}. */
  record DeclarationName(Ident name) implements Target {}

  /** A field name inside a {@code schema}. */
  record FieldName(Stmt.Schema schema, Stmt.FieldDecl field) implements Target {}

  /** Where a loop variable or block let is bound. */
  record LocalName(Ident name) implements Target {}
}
