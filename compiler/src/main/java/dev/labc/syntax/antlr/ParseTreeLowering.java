package dev.labc.syntax.antlr;

import dev.labc.diag.Code;
import dev.labc.diag.DiagnosticCollector;
import dev.labc.grammar.LabParser;
import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import dev.labc.syntax.Annotation;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Ident;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.TypeExpr;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns ANTLR parse trees of statements into AST records. Parse trees damaged by error
 * recovery have missing children; those become {@link Expr.Bad} or are skipped, because a
 * diagnostic was already reported for them.
 */
final class ParseTreeLowering {
  private final SourceFile file;
  private final int base;
  private final DiagnosticCollector diags;
  final ExprLowering exprs;

  ParseTreeLowering(SourceFile file, int base, DiagnosticCollector diags) {
    this.file = file;
    this.base = base;
    this.diags = diags;
    this.exprs = new ExprLowering(this, file, base, diags);
  }

  List<Stmt> file(LabParser.FileContext ctx) {
    return statements(ctx.statement(), true);
  }

  List<Stmt> statements(List<LabParser.StatementContext> ctxs, boolean topLevel) {
    var out = new ArrayList<Stmt>();
    for (var s : ctxs) {
      Stmt st = statement(s, topLevel);
      if (st != null) out.add(st);
    }
    return out;
  }

  private Stmt statement(LabParser.StatementContext ctx, boolean topLevel) {
    if (ctx.importDecl() != null) {
      if (!topLevel) misplaced(ctx, "`import`");
      return importDecl(ctx.importDecl());
    }
    if (ctx.paramDecl() != null) {
      if (!topLevel) misplaced(ctx, "`param`");
      return param(ctx.paramDecl());
    }
    if (ctx.letDecl() != null) return let(ctx.letDecl());
    if (ctx.schemaDecl() != null) {
      if (!topLevel) misplaced(ctx, "`schema`");
      return schema(ctx.schemaDecl());
    }
    if (ctx.enumDecl() != null) {
      if (!topLevel) misplaced(ctx, "`enum`");
      return enumDecl(ctx.enumDecl());
    }
    if (ctx.bodyItem() != null) return bodyItem(ctx.bodyItem());
    return null;
  }

  private void misplaced(ParserRuleContext ctx, String what) {
    diags.error(Code.MISPLACED_DECLARATION, span(ctx), what + " is only allowed at the top level of a file",
        "move it out of the block, to the top of the file");
  }

  private Stmt bodyItem(LabParser.BodyItemContext ctx) {
    if (ctx.attribute() != null) {
      var a = ctx.attribute();
      if (a.IDENT() == null) return null;
      return new Stmt.Attribute(span(a), annotations(a.annotation()), ident(a.IDENT()), exprs.expr(a.expr(), a));
    }
    if (ctx.block() != null) return block(ctx.block());
    if (ctx.forBlock() != null) return forBlock(ctx.forBlock());
    if (ctx.ifBlock() != null) return ifBlock(ctx.ifBlock());
    return null;
  }

  private Stmt.Block block(LabParser.BlockContext ctx) {
    if (ctx.IDENT() == null) return null;
    Expr label = null;
    if (ctx.label() != null) {
      var l = ctx.label();
      label = l.IDENT() != null ? new Expr.Name(span(l.IDENT()), l.IDENT().getText()) : exprs.string(l.string());
    }
    return new Stmt.Block(span(ctx), annotations(ctx.annotation()), ident(ctx.IDENT()), label,
        body(ctx.blockBody()), closeSpan(ctx.blockBody()));
  }

  private Stmt.For forBlock(LabParser.ForBlockContext ctx) {
    var ids = ctx.IDENT();
    if (ids.isEmpty()) return null;
    Ident key = ids.size() > 1 ? ident(ids.get(0)) : null;
    Ident value = ident(ids.get(ids.size() - 1));
    var es = ctx.expr();
    Expr iterable = es.isEmpty() ? bad(ctx) : exprs.expr(es.get(0), ctx);
    Expr guard = es.size() > 1 ? exprs.expr(es.get(1), ctx) : null;
    return new Stmt.For(span(ctx), annotations(ctx.annotation()), key, value, iterable, guard,
        body(ctx.blockBody()), closeSpan(ctx.blockBody()));
  }

  private Stmt.If ifBlock(LabParser.IfBlockContext ctx) {
    Expr cond = exprs.expr(ctx.expr(), ctx);
    var bodies = ctx.blockBody();
    List<Stmt> then = bodies.isEmpty() ? List.of() : body(bodies.get(0));
    Span thenClose = bodies.isEmpty() ? null : closeSpan(bodies.get(0));
    boolean hasElse = ctx.ELSE() != null;
    List<Stmt> otherwise = List.of();
    Span elseClose = null;
    if (ctx.ifBlock() != null) {
      Stmt.If nested = ifBlock(ctx.ifBlock());
      otherwise = List.of(nested);
    } else if (bodies.size() > 1) {
      otherwise = body(bodies.get(1));
      elseClose = closeSpan(bodies.get(1));
    }
    return new Stmt.If(span(ctx), annotations(ctx.annotation()), cond, then, thenClose, hasElse, otherwise, elseClose);
  }

  private List<Stmt> body(LabParser.BlockBodyContext ctx) {
    return ctx == null ? List.of() : statements(ctx.statement(), false);
  }

  private Span closeSpan(LabParser.BlockBodyContext ctx) {
    if (ctx == null || ctx.RBRACE() == null || ctx.RBRACE().getSymbol().getStartIndex() < 0) return null;
    return span(ctx.RBRACE());
  }

  private Stmt.Import importDecl(LabParser.ImportDeclContext ctx) {
    if (ctx.string() == null) return null;
    // A path conjured by error recovery (`import {`): reported already; its "braces" are not params.
    if (ctx.string().exception != null || ctx.string().OPEN_QUOTE() == null || ctx.string().OPEN_QUOTE().getSymbol().getStartIndex() < 0) return null;
    Ident alias = ctx.IDENT() != null ? ident(ctx.IDENT()) : null;
    if (ctx.blockBody() == null) return new Stmt.Import(span(ctx), annotations(ctx.annotation()), exprs.string(ctx.string()), alias);
    var arguments = new ArrayList<Stmt.Attribute>();
    for (Stmt s : body(ctx.blockBody())) {
      if (s instanceof Stmt.Attribute a) {
        arguments.add(a);
      } else if (!(s instanceof Stmt.Import || s instanceof Stmt.Param || s instanceof Stmt.Schema || s instanceof Stmt.Enum)) {
        // those four were reported as misplaced while lowering the body
        diags.error(Code.MISPLACED_DECLARATION, s.span(), "an import's braces hold only `param = value` lines",
            "they set the module's params; declare blocks in the module or after the import");
      }
    }
    Span close = closeSpan(ctx.blockBody());
    return new Stmt.Import(span(ctx), annotations(ctx.annotation()), exprs.string(ctx.string()), alias, arguments,
        close != null ? close : span(ctx.blockBody()));
  }

  private Stmt.Param param(LabParser.ParamDeclContext ctx) {
    if (ctx.IDENT() == null) return null;
    return new Stmt.Param(span(ctx), annotations(ctx.annotation()), ident(ctx.IDENT()), ctx.SECRET() != null,
        type(ctx.typeExpr(), ctx), ctx.expr() == null ? null : exprs.expr(ctx.expr(), ctx));
  }

  private Stmt.Let let(LabParser.LetDeclContext ctx) {
    if (ctx.IDENT() == null) return null;
    return new Stmt.Let(span(ctx), annotations(ctx.annotation()), ident(ctx.IDENT()), exprs.expr(ctx.expr(), ctx));
  }

  private Stmt.Schema schema(LabParser.SchemaDeclContext ctx) {
    if (ctx.IDENT() == null) return null;
    var fields = new ArrayList<Stmt.FieldDecl>();
    for (var f : ctx.fieldDecl()) {
      if (f.IDENT() == null) continue;
      fields.add(new Stmt.FieldDecl(span(f), annotations(f.annotation()), ident(f.IDENT()), f.SECRET() != null,
          type(f.typeExpr(), f), f.expr() == null ? null : exprs.expr(f.expr(), f)));
    }
    return new Stmt.Schema(span(ctx), annotations(ctx.annotation()), ident(ctx.IDENT()), fields, statements(ctx.statement(), false));
  }

  private Stmt.Enum enumDecl(LabParser.EnumDeclContext ctx) {
    if (ctx.IDENT() == null) return null;
    var members = new ArrayList<Stmt.EnumMember>();
    for (var m : ctx.enumMember()) {
      if (m.IDENT() != null) {
        members.add(new Stmt.EnumMember(span(m), m.IDENT().getText(), false));
      } else if (m.string() != null) {
        Expr.Str s = exprs.string(m.string());
        String v = s.literalValue();
        if (v == null) {
          diags.error(Code.UNEXPECTED_TOKEN, s.span(), "an enum member cannot use interpolation", "write the member as plain text");
          v = "";
        }
        members.add(new Stmt.EnumMember(span(m), v, true));
      }
    }
    return new Stmt.Enum(span(ctx), annotations(ctx.annotation()), ident(ctx.IDENT()), members);
  }

  TypeExpr type(LabParser.TypeExprContext ctx, ParserRuleContext parent) {
    if (ctx == null || ctx.qualifiedName() == null) {
      Span s = parent == null ? file.span(base, base) : endOf(parent);
      return new TypeExpr(s, List.of(new Ident(s, "?")), List.of(), false, false);
    }
    var names = ctx.qualifiedName().IDENT().stream().map(this::ident).toList();
    List<Argument> args = ctx.arguments() == null ? List.of() : exprs.arguments(ctx.arguments());
    return new TypeExpr(span(ctx), names, args, ctx.LPAREN() != null, ctx.QUESTION() != null);
  }

  List<Annotation> annotations(List<LabParser.AnnotationContext> ctxs) {
    if (ctxs.isEmpty()) return List.of();
    var out = new ArrayList<Annotation>();
    for (var a : ctxs) {
      if (a.IDENT() == null) continue;
      out.add(new Annotation(span(a), ident(a.IDENT()), a.arguments() == null ? List.of() : exprs.arguments(a.arguments())));
    }
    return out;
  }

  Ident ident(TerminalNode n) {
    return new Ident(span(n), n.getText());
  }

  Expr bad(ParserRuleContext ctx) {
    return new Expr.Bad(span(ctx));
  }

  Span span(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop();
    int s = start == null || start.getStartIndex() < 0 ? 0 : start.getStartIndex();
    int e = stop == null || stop.getStopIndex() < 0 ? s : stop.getStopIndex() + 1;
    if (stop != null && stop.getType() == Token.EOF) e = s;
    if (e < s) e = s;
    return clamp(base + s, base + e);
  }

  Span span(TerminalNode n) {
    return span(n.getSymbol());
  }

  Span span(Token t) {
    int s = Math.max(0, t.getStartIndex());
    int e = Math.max(s, t.getStopIndex() + 1);
    return clamp(base + s, base + e);
  }

  Span endOf(ParserRuleContext ctx) {
    Span s = span(ctx);
    return file.span(s.end(), s.end());
  }

  private Span clamp(int s, int e) {
    int len = file.text().length();
    s = Math.min(s, len);
    e = Math.min(Math.max(e, s), len);
    return file.span(s, e);
  }
}
