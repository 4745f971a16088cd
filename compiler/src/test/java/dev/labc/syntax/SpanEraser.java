package dev.labc.syntax;

import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import java.util.List;

/**
 * Rebuilds a syntax tree with every span replaced by one fixed dummy span, so that two trees
 * compare equal (records' structural equality) exactly when they differ only in where their
 * nodes were in the source. A span that is absent (null: no `else` brace) stays null, because
 * its absence is structure.
 */
public final class SpanEraser {
  /** The one file and span every erased node points at; one instance, so spans compare equal. */
  public static final SourceFile NOWHERE = new SourceFile("<erased>", "");
  public static final Span DUMMY = NOWHERE.span(0, 0);

  private SpanEraser() {}

  public static List<Stmt> statements(List<Stmt> list) {
    return list.stream().map(SpanEraser::stmt).toList();
  }

  private static Span span(Span s) { return s == null ? null : DUMMY; }

  public static Stmt stmt(Stmt s) {
    return switch (s) {
      case Stmt.Import i -> new Stmt.Import(DUMMY, annotations(i.annotations()), (Expr.Str) expr(i.path()), ident(i.alias()),
          i.arguments().stream().map(a -> (Stmt.Attribute) stmt(a)).toList(), span(i.argumentsClose()));
      case Stmt.Param p -> new Stmt.Param(DUMMY, annotations(p.annotations()), ident(p.name()), p.secret(), type(p.type()), expr(p.defaultValue()));
      case Stmt.Let l -> new Stmt.Let(DUMMY, annotations(l.annotations()), ident(l.name()), expr(l.value()));
      case Stmt.Schema sc -> new Stmt.Schema(DUMMY, annotations(sc.annotations()), ident(sc.name()),
          sc.fields().stream().map(f -> new Stmt.FieldDecl(DUMMY, annotations(f.annotations()), ident(f.name()), f.secret(),
              type(f.type()), expr(f.defaultValue()))).toList());
      case Stmt.Enum en -> new Stmt.Enum(DUMMY, annotations(en.annotations()), ident(en.name()),
          en.members().stream().map(m -> new Stmt.EnumMember(DUMMY, m.name(), m.quoted())).toList());
      case Stmt.Attribute a -> new Stmt.Attribute(DUMMY, annotations(a.annotations()), ident(a.name()), expr(a.value()));
      case Stmt.Block b -> new Stmt.Block(DUMMY, annotations(b.annotations()), ident(b.kind()), expr(b.label()),
          statements(b.body()), span(b.closeBrace()));
      case Stmt.For f -> new Stmt.For(DUMMY, annotations(f.annotations()), ident(f.key()), ident(f.value()), expr(f.iterable()),
          expr(f.guard()), statements(f.body()), span(f.closeBrace()));
      case Stmt.If i -> new Stmt.If(DUMMY, annotations(i.annotations()), expr(i.condition()), statements(i.then()),
          span(i.thenClose()), i.hasElse(), statements(i.otherwise()), span(i.elseClose()));
    };
  }

  public static Expr expr(Expr e) {
    if (e == null) return null;
    return switch (e) {
      case Expr.Int i -> new Expr.Int(DUMMY, i.value(), i.text());
      case Expr.Float f -> new Expr.Float(DUMMY, f.value(), f.text());
      case Expr.Unit u -> new Expr.Unit(DUMMY, u.number(), u.numberText(), u.unit());
      case Expr.Bool b -> new Expr.Bool(DUMMY, b.value());
      case Expr.Null n -> new Expr.Null(DUMMY);
      case Expr.Ip ip -> new Expr.Ip(DUMMY, ip.text());
      case Expr.Cidr c -> new Expr.Cidr(DUMMY, c.text());
      case Expr.Str s -> new Expr.Str(DUMMY, parts(s.parts()));
      case Expr.Heredoc h -> new Expr.Heredoc(DUMMY, h.marker(), h.indented(), h.raw(), parts(h.parts()));
      case Expr.Name n -> new Expr.Name(DUMMY, n.name());
      case Expr.Member m -> new Expr.Member(DUMMY, expr(m.target()), ident(m.member()));
      case Expr.Index ix -> new Expr.Index(DUMMY, expr(ix.target()), expr(ix.index()));
      case Expr.Call c -> new Expr.Call(DUMMY, expr(c.callee()), arguments(c.args()));
      case Expr.Unary u -> new Expr.Unary(DUMMY, u.op(), expr(u.operand()));
      case Expr.Binary b -> new Expr.Binary(DUMMY, b.op(), expr(b.left()), expr(b.right()));
      case Expr.Conditional c -> new Expr.Conditional(DUMMY, expr(c.condition()), expr(c.then()), expr(c.otherwise()));
      case Expr.Paren p -> new Expr.Paren(DUMMY, expr(p.inner()));
      case Expr.ListLit l -> new Expr.ListLit(DUMMY, l.items().stream().map(SpanEraser::expr).toList());
      case Expr.ObjectLit o -> new Expr.ObjectLit(DUMMY,
          o.entries().stream().map(en -> new Expr.ObjectEntry(DUMMY, expr(en.key()), expr(en.value()))).toList());
      case Expr.ListFor f -> new Expr.ListFor(DUMMY, ident(f.key()), ident(f.value()), expr(f.iterable()), expr(f.body()), expr(f.guard()));
      case Expr.MapFor f -> new Expr.MapFor(DUMMY, ident(f.key()), ident(f.value()), expr(f.iterable()), expr(f.keyExpr()),
          expr(f.valueExpr()), expr(f.guard()));
      case Expr.Bad b -> new Expr.Bad(DUMMY);
    };
  }

  private static List<Expr.StringPart> parts(List<Expr.StringPart> parts) {
    return parts.stream().<Expr.StringPart>map(p -> switch (p) {
      case Expr.Text t -> new Expr.Text(DUMMY, t.value());
      case Expr.Interpolation in -> new Expr.Interpolation(DUMMY, expr(in.expr()));
    }).toList();
  }

  private static Ident ident(Ident i) { return i == null ? null : new Ident(DUMMY, i.name()); }

  private static TypeExpr type(TypeExpr t) {
    return new TypeExpr(DUMMY, t.name().stream().map(SpanEraser::ident).toList(), arguments(t.args()), t.hasArgs(), t.optional());
  }

  private static List<Annotation> annotations(List<Annotation> as) {
    return as.stream().map(a -> new Annotation(DUMMY, ident(a.name()), arguments(a.args()))).toList();
  }

  private static List<Argument> arguments(List<Argument> args) {
    return args.stream().map(a -> new Argument(DUMMY, ident(a.name()), expr(a.value()))).toList();
  }
}
