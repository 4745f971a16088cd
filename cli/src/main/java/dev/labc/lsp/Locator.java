package dev.labc.lsp;

import dev.labc.source.Span;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Ident;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.TypeExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the {@link Target} at an offset of a syntax tree, walking down from the statements that contain it. */
final class Locator {
  private final int offset;

  private Locator(int offset) { this.offset = offset; }

  static Optional<Target> at(List<Stmt> statements, int offset) {
    return Optional.ofNullable(new Locator(offset).statements(statements, List.of()));
  }

  /** Inclusive of the end, so a cursor just after a word (where editors put it) still hits the word. */
  private boolean on(Span span) { return span != null && span.start() <= offset && offset <= span.end(); }

  private Target statements(List<Stmt> body, List<Stmt.Block> blocks) {
    // Which declaration a name means is the resolver pass's (Bindings), not this walk's.
    for (Stmt s : body) {
      if (on(s.span())) return statement(s, blocks);
    }
    return null;
  }

  private Target statement(Stmt s, List<Stmt.Block> blocks) {
    return switch (s) {
      case Stmt.Import im -> on(im.path().span()) ? new Target.ImportPath(im) : null;
      case Stmt.Param p -> {
        if (on(p.name().span())) yield new Target.DeclarationName(p.name());
        if (on(p.type().span())) yield typeName(p.type());
        yield p.defaultValue() == null ? null : expr(p.defaultValue());
      }
      case Stmt.Let l -> {
        if (on(l.name().span())) yield blocks.isEmpty() ? new Target.DeclarationName(l.name()) : new Target.LocalName(l.name());
        yield expr(l.value());
      }
      case Stmt.Schema sc -> {
        if (on(sc.name().span())) yield new Target.DeclarationName(sc.name());
        for (Stmt.FieldDecl f : sc.fields()) {
          if (!on(f.span())) continue;
          if (on(f.name().span())) yield new Target.FieldName(sc, f);
          if (on(f.type().span())) yield typeName(f.type());
          if (f.defaultValue() != null) yield expr(f.defaultValue());
        }
        // A kind's body: its blocks, and names that the resolver pass binds to the kind's fields and `self`.
        yield statements(sc.body(), List.of());
      }
      case Stmt.Enum en -> on(en.name().span()) ? new Target.DeclarationName(en.name()) : null;
      case Stmt.Attribute a -> on(a.name().span()) ? new Target.AttributeName(a.name(), blocks) : expr(a.value());
      case Stmt.Block b -> {
        var inside = new ArrayList<>(blocks);
        inside.add(b);
        if (on(b.kind().span())) yield new Target.BlockKind(b, List.copyOf(inside));
        if (b.label() != null && on(b.label().span())) {
          Target inLabel = b.label() instanceof Expr.Str s2 ? expr(s2) : null;
          yield inLabel instanceof Target.NameRef || inLabel instanceof Target.MemberRef ? inLabel : new Target.BlockLabel(b);
        }
        yield statements(b.body(), List.copyOf(inside));
      }
      case Stmt.For f -> {
        if (f.key() != null && on(f.key().span())) yield new Target.LocalName(f.key());
        if (on(f.value().span())) yield new Target.LocalName(f.value());
        if (on(f.iterable().span())) yield expr(f.iterable());
        if (f.guard() != null && on(f.guard().span())) yield expr(f.guard());
        yield statements(f.body(), blocks);
      }
      case Stmt.If i -> {
        if (on(i.condition().span())) yield expr(i.condition());
        Target t = statements(i.then(), blocks);
        yield t != null ? t : statements(i.otherwise(), blocks);
      }
    };
  }

  private Target expr(Expr e) {
    if (e == null || !on(e.span())) return null;
    return switch (e) {
      case Expr.Name n -> new Target.NameRef(n);
      case Expr.Member m -> on(m.member().span()) ? new Target.MemberRef(m) : expr(m.target());
      case Expr.Index ix -> first(expr(ix.target()), expr(ix.index()));
      case Expr.Call c -> {
        Target t = expr(c.callee());
        for (Argument a : c.args()) t = first(t, expr(a.value()));
        yield t;
      }
      case Expr.Unary u -> expr(u.operand());
      case Expr.Binary b -> first(expr(b.left()), expr(b.right()));
      case Expr.Conditional c -> first(expr(c.condition()), first(expr(c.then()), expr(c.otherwise())));
      case Expr.Paren p -> expr(p.inner());
      case Expr.ListLit l -> {
        Target t = null;
        for (Expr x : l.items()) t = first(t, expr(x));
        yield t;
      }
      case Expr.ObjectLit o -> {
        Target t = null;
        for (Expr.ObjectEntry en : o.entries()) {
          // A name key is text, not a reference.
          if (!(en.key() instanceof Expr.Name)) t = first(t, expr(en.key()));
          t = first(t, expr(en.value()));
        }
        yield t;
      }
      case Expr.Str s -> parts(s.parts());
      case Expr.Heredoc h -> parts(h.parts());
      case Expr.ListFor f -> {
        Target bound = loopVariable(f.key(), f.value());
        if (bound != null) yield bound;
        yield first(expr(f.iterable()), first(expr(f.body()), expr(f.guard())));
      }
      case Expr.MapFor f -> {
        Target bound = loopVariable(f.key(), f.value());
        if (bound != null) yield bound;
        yield first(expr(f.iterable()),
            first(expr(f.keyExpr()), first(expr(f.valueExpr()), expr(f.guard()))));
      }
      case Expr.Int x -> null;
      case Expr.Float x -> null;
      case Expr.Unit x -> null;
      case Expr.Bool x -> null;
      case Expr.Null x -> null;
      case Expr.Ip x -> null;
      case Expr.Cidr x -> null;
      case Expr.Bad x -> null;
    };
  }

  private Target loopVariable(Ident key, Ident value) {
    if (key != null && on(key.span())) return new Target.LocalName(key);
    return on(value.span()) ? new Target.LocalName(value) : null;
  }

  private Target parts(List<Expr.StringPart> parts) {
    for (Expr.StringPart p : parts) {
      if (p instanceof Expr.Interpolation in && on(in.span())) return expr(in.expr());
    }
    return null;
  }

  private static Target first(Target a, Target b) { return a != null ? a : b; }

  /** The name under the cursor in a written type: the type's own, or an element type among its arguments. */
  private Target typeName(TypeExpr t) {
    if (!t.name().isEmpty()) {
      Span name = t.name().get(0).span().to(t.name().get(t.name().size() - 1).span());
      if (on(name)) return new Target.TypeName(t.qualifiedName(), name);
    }
    for (Argument a : t.args()) {
      if (a.value() instanceof Expr.Name n && on(n.span())) return new Target.TypeName(n.name(), n.span());
    }
    return null;
  }

  /** The text a target stands on, for the range of a hover. */
  static Span spanOf(Target t) {
    return switch (t) {
      case Target.AttributeName a -> a.name().span();
      case Target.BlockKind k -> k.block().kind().span();
      case Target.BlockLabel l -> l.block().label().span();
      case Target.NameRef n -> n.name().span();
      case Target.MemberRef m -> m.member().member().span();
      case Target.ImportPath i -> i.stmt().path().span();
      case Target.TypeName t2 -> t2.span();
      case Target.DeclarationName d -> d.name().span();
      case Target.FieldName f -> f.field().name().span();
      case Target.LocalName l -> l.name().span();
    };
  }
}
