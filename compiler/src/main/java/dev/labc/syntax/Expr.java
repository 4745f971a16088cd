package dev.labc.syntax;

import dev.labc.source.Span;
import java.math.BigDecimal;
import java.util.List;

/** Expressions. Literals keep their source text where the canonical form could differ (hex, units). */
public sealed interface Expr extends Node {

  record Int(Span span, long value, String text) implements Expr {}

  record Float(Span span, double value, String text) implements Expr {}

  /** {@code 512MiB}, {@code 30s}, {@code 3kW}, {@code 85%}: the number and its unit as written. */
  record Unit(Span span, BigDecimal number, String numberText, String unit) implements Expr {}

  record Bool(Span span, boolean value) implements Expr {}

  record Null(Span span) implements Expr {}

  /** An IPv4 or IPv6 address literal. */
  record Ip(Span span, String text) implements Expr {}

  /** A CIDR literal such as {@code 10.0.1.0/24}. */
  record Cidr(Span span, String text) implements Expr {}

  /** A string with optional {@code ${...}} parts. */
  record Str(Span span, List<StringPart> parts) implements Expr {
    public Str { parts = List.copyOf(parts); }

    /** The string's value when it has no interpolation, else null. */
    public String literalValue() {
      var sb = new StringBuilder();
      for (StringPart p : parts) {
        if (p instanceof Text t) sb.append(t.value()); else return null;
      }
      return sb.toString();
    }
  }

  /**
   * A heredoc {@code <<EOF ... EOF}; {@code indented} for {@code <<-}, whose common leading
   * indentation is removed. {@code raw} is the body as written, kept verbatim by the formatter.
   */
  record Heredoc(Span span, String marker, boolean indented, String raw, List<StringPart> parts) implements Expr {
    public Heredoc { parts = List.copyOf(parts); }
  }

  /** Part of a string: literal text (escapes decoded) or an interpolated expression. */
  sealed interface StringPart extends Node permits Text, Interpolation {}

  record Text(Span span, String value) implements StringPart {}

  record Interpolation(Span span, Expr expr) implements StringPart {}

  /** A reference to a name in scope. */
  record Name(Span span, String name) implements Expr {}

  record Member(Span span, Expr target, Ident member) implements Expr {}

  record Index(Span span, Expr target, Expr index) implements Expr {}

  record Call(Span span, Expr callee, List<Argument> args) implements Expr {
    public Call { args = List.copyOf(args); }
  }

  record Unary(Span span, UnaryOp op, Expr operand) implements Expr {}

  record Binary(Span span, BinaryOp op, Expr left, Expr right) implements Expr {}

  record Conditional(Span span, Expr condition, Expr then, Expr otherwise) implements Expr {}

  /** Parentheses as written, kept so the formatter prints what the user wrote. */
  record Paren(Span span, Expr inner) implements Expr {}

  record ListLit(Span span, List<Expr> items) implements Expr {
    public ListLit { items = List.copyOf(items); }
  }

  record ObjectLit(Span span, List<ObjectEntry> entries) implements Expr {
    public ObjectLit { entries = List.copyOf(entries); }
  }

  /** {@code key = value} in an object; the key is a {@link Name} or a {@link Str}. */
  record ObjectEntry(Span span, Expr key, Expr value) implements Node {}

  /** {@code [for k, v in xs : body if guard]}; {@code key} is null with one variable. */
  record ListFor(Span span, Ident key, Ident value, Expr iterable, Expr body, Expr guard) implements Expr {}

  /** {@code {for k, v in xs : keyExpr => valueExpr if guard}}. */
  record MapFor(Span span, Ident key, Ident value, Expr iterable, Expr keyExpr, Expr valueExpr, Expr guard) implements Expr {}

  /** Stands where the parser could not read an expression; a diagnostic was already reported. */
  record Bad(Span span) implements Expr {}

  enum UnaryOp {
    NOT("!"), NEG("-");
    public final String symbol;
    UnaryOp(String s) { symbol = s; }
  }

  /** Binary operators with their precedence (higher binds tighter), matching the grammar. */
  enum BinaryOp {
    MUL("*", 7), DIV("/", 7), MOD("%", 7),
    ADD("+", 6), SUB("-", 6),
    RANGE("..", 5),
    LT("<", 4), LE("<=", 4), GT(">", 4), GE(">=", 4),
    EQ("==", 3), NE("!=", 3),
    IN("in", 2),
    AND("&&", 1),
    OR("||", 0);

    public final String symbol;
    public final int precedence;
    BinaryOp(String s, int p) { symbol = s; precedence = p; }
  }
}
