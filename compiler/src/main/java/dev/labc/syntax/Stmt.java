package dev.labc.syntax;

import dev.labc.source.Span;
import java.util.List;

/** Statements: what a file and a block body are made of. */
public sealed interface Stmt extends Node {
  List<Annotation> annotations();

  /**
   * {@code import "./users.lab" as users { admins = ["alice"] }}: {@code arguments} set the module's
   * params; {@code argumentsClose} is the closing brace, null when no braces were written.
   */
  record Import(Span span, List<Annotation> annotations, Expr.Str path, Ident alias, List<Attribute> arguments, Span argumentsClose) implements Stmt {
    public Import {
      annotations = List.copyOf(annotations);
      arguments = List.copyOf(arguments);
    }

    public Import(Span span, List<Annotation> annotations, Expr.Str path, Ident alias) {
      this(span, annotations, path, alias, List.of(), null);
    }

    /** Whether the import was written with braces (even empty ones). */
    public boolean hasArguments() { return argumentsClose != null || !arguments.isEmpty(); }
  }

  /** {@code param name: secret? type = default}. */
  record Param(Span span, List<Annotation> annotations, Ident name, boolean secret, TypeExpr type, Expr defaultValue) implements Stmt {
    public Param { annotations = List.copyOf(annotations); }
  }

  /** {@code let name = value}. */
  record Let(Span span, List<Annotation> annotations, Ident name, Expr value) implements Stmt {
    public Let { annotations = List.copyOf(annotations); }
  }

  /**
   * {@code schema name { field: type = default ... }}: a kind or record type declared in .lab. A
   * kind's {@code body} (after its fields) declares the blocks each of its blocks becomes.
   */
  record Schema(Span span, List<Annotation> annotations, Ident name, List<FieldDecl> fields, List<Stmt> body) implements Stmt {
    public Schema {
      annotations = List.copyOf(annotations);
      fields = List.copyOf(fields);
      body = List.copyOf(body);
    }

    public Schema(Span span, List<Annotation> annotations, Ident name, List<FieldDecl> fields) {
      this(span, annotations, name, fields, List.of());
    }
  }

  /** One field of a schema. */
  record FieldDecl(Span span, List<Annotation> annotations, Ident name, boolean secret, TypeExpr type, Expr defaultValue) implements Node {
    public FieldDecl { annotations = List.copyOf(annotations); }
  }

  /** {@code enum name { A100, H100, "RTX 4090" }}. */
  record Enum(Span span, List<Annotation> annotations, Ident name, List<EnumMember> members) implements Stmt {
    public Enum {
      annotations = List.copyOf(annotations);
      members = List.copyOf(members);
    }
  }

  /** One enum member; {@code quoted} when written as a string. */
  record EnumMember(Span span, String name, boolean quoted) implements Node {}

  /** {@code key = value}. */
  record Attribute(Span span, List<Annotation> annotations, Ident name, Expr value) implements Stmt {
    public Attribute { annotations = List.copyOf(annotations); }
  }

  /** {@code kind label { body }}; {@code label} is a {@link Expr.Name}, a {@link Expr.Str} or null. */
  record Block(Span span, List<Annotation> annotations, Ident kind, Expr label, List<Stmt> body, Span closeBrace) implements Stmt {
    public Block {
      annotations = List.copyOf(annotations);
      body = List.copyOf(body);
    }
  }

  /** {@code for x in xs if guard { body }}, or {@code for k, v in m { ... }}; {@code key} is null for one variable. */
  record For(Span span, List<Annotation> annotations, Ident key, Ident value, Expr iterable, Expr guard, List<Stmt> body, Span closeBrace) implements Stmt {
    public For {
      annotations = List.copyOf(annotations);
      body = List.copyOf(body);
    }
  }

  /**
   * {@code if cond { then } else { otherwise }}. An {@code else if} is an {@code otherwise} holding
   * one {@code If}; {@code hasElse} tells an empty else from none.
   */
  record If(Span span, List<Annotation> annotations, Expr condition, List<Stmt> then, Span thenClose,
            boolean hasElse, List<Stmt> otherwise, Span elseClose) implements Stmt {
    public If {
      annotations = List.copyOf(annotations);
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }
}
