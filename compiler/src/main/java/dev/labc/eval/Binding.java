package dev.labc.eval;

import dev.labc.syntax.Ident;
import dev.labc.syntax.Stmt;

/**
 * What one name in an expression names, decided from syntax before evaluation (Bindings). Blocks
 * are named by labels that may be computed (`node "gpu${i}"`), so a name that is no local, param
 * or let is {@link Global}: a block, an enum member, a kind or a builtin, decided once blocks exist.
 */
public sealed interface Binding {
  /** A loop or comprehension variable, a block's let, or a let of a module made once per import. */
  record Local(Ident declaration) implements Binding {}

  /** A field of the kind whose body the name is in: the instance's value of it. */
  record Field(Stmt.Schema kind, Stmt.FieldDecl field) implements Binding {}

  /** `self` in a kind's body: the instance. */
  record Self(Stmt.Schema kind) implements Binding {}

  /** A param of the module the name is written in; visible only in that module's file. */
  record ModuleParam(String module, Stmt.Param declaration) implements Binding {}

  /** A top-level let, visible from every module. */
  record Let(Stmt.Let declaration) implements Binding {}

  /** A param of the root program. */
  record Param(Stmt.Param declaration) implements Binding {}

  /** Anything else: looked up among blocks, then enum members (then kinds, for `user.labops`). */
  record Global(String name) implements Binding {}
}
