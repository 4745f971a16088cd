package dev.labc.lsp;

import dev.labc.source.SourceFile;
import dev.labc.syntax.Ident;
import dev.labc.syntax.Stmt;
import java.util.List;

/** What a {@link Target} means: the declaration it refers to, for hover and go-to-definition alike. */
sealed interface Resolved {
  /** An attribute of a kind or record schema. */
  record Field(Declarations.SchemaDecl owner, Stmt.FieldDecl field) implements Resolved {}

  /** A kind or record schema. */
  record Schema(Declarations.SchemaDecl schema) implements Resolved {}

  /** The entities one name refers to: one, or one per kind when kinds share a name, or all a loop's block makes. */
  record Entities(List<Declarations.EntityDecl> entities) implements Resolved {}

  record Let(Declarations.Binding binding) implements Resolved {}

  record Param(Declarations.Binding binding) implements Resolved {}

  record Enum(Declarations.EnumDecl decl) implements Resolved {}

  record EnumMember(Declarations.EnumDecl owner, Stmt.EnumMember member) implements Resolved {}

  /** A loop variable or a block's let. */
  record Local(Ident name) implements Resolved {}

  /** An imported module; {@code file} is null when the import does not resolve. */
  record Module(String importPath, SourceFile file) implements Resolved {}

  record Builtin(Builtins.Function function) implements Resolved {}
}
