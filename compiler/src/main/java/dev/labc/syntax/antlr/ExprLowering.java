package dev.labc.syntax.antlr;

import dev.labc.diag.Code;
import dev.labc.diag.DiagnosticCollector;
import dev.labc.diag.Spelling;
import dev.labc.grammar.LabLexer;
import dev.labc.grammar.LabParser;
import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Ident;
import dev.labc.syntax.Units;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Lowers expressions, strings and heredocs; validates literals (units, addresses, escapes). */
final class ExprLowering {
  private final ParseTreeLowering stmts;
  private final SourceFile file;
  private final int base;
  private final DiagnosticCollector diags;

  ExprLowering(ParseTreeLowering stmts, SourceFile file, int base, DiagnosticCollector diags) {
    this.stmts = stmts;
    this.file = file;
    this.base = base;
    this.diags = diags;
  }

  /** Lowers {@code ctx}, or a {@link Expr.Bad} just past {@code parent} when the parser found none. */
  Expr expr(LabParser.ExprContext ctx, ParserRuleContext parent) {
    if (ctx == null) return new Expr.Bad(parent == null ? file.span(base, base) : stmts.endOf(parent));
    return expr(ctx);
  }

  Expr expr(LabParser.ExprContext ctx) {
    if (ctx == null) return new Expr.Bad(file.span(base, base));
    if (ctx.exception != null && ctx.getChildCount() == 0) return new Expr.Bad(stmts.span(ctx));
    Span sp = stmts.span(ctx);
    return switch (ctx) {
      case LabParser.PrimaryExprContext p -> primary(p.primary());
      case LabParser.MemberExprContext m -> m.IDENT() == null ? new Expr.Bad(sp)
          : new Expr.Member(sp, expr(m.expr()), stmts.ident(m.IDENT()));
      case LabParser.IndexExprContext i -> new Expr.Index(sp, expr(i.expr(0)), child(i.expr(), 1, i));
      case LabParser.CallExprContext c -> new Expr.Call(sp, expr(c.expr()), c.arguments() == null ? List.of() : arguments(c.arguments()));
      case LabParser.UnaryExprContext u -> new Expr.Unary(sp, u.op.getType() == LabLexer.BANG ? Expr.UnaryOp.NOT : Expr.UnaryOp.NEG, expr(u.expr(), u));
      case LabParser.MulExprContext b -> binary(sp, switch (b.op.getType()) {
        case LabLexer.STAR -> Expr.BinaryOp.MUL;
        case LabLexer.SLASH -> Expr.BinaryOp.DIV;
        default -> Expr.BinaryOp.MOD;
      }, b.expr(), b);
      case LabParser.AddExprContext b -> binary(sp, b.op.getType() == LabLexer.PLUS ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, b.expr(), b);
      case LabParser.RangeExprContext b -> binary(sp, Expr.BinaryOp.RANGE, b.expr(), b);
      case LabParser.CompareExprContext b -> binary(sp, switch (b.op.getType()) {
        case LabLexer.LT -> Expr.BinaryOp.LT;
        case LabLexer.LE -> Expr.BinaryOp.LE;
        case LabLexer.GT -> Expr.BinaryOp.GT;
        default -> Expr.BinaryOp.GE;
      }, b.expr(), b);
      case LabParser.EqualityExprContext b -> binary(sp, b.op.getType() == LabLexer.EQEQ ? Expr.BinaryOp.EQ : Expr.BinaryOp.NE, b.expr(), b);
      case LabParser.InExprContext b -> binary(sp, Expr.BinaryOp.IN, b.expr(), b);
      case LabParser.AndExprContext b -> binary(sp, Expr.BinaryOp.AND, b.expr(), b);
      case LabParser.OrExprContext b -> binary(sp, Expr.BinaryOp.OR, b.expr(), b);
      case LabParser.ConditionalExprContext c -> new Expr.Conditional(sp, expr(c.expr(0)), child(c.expr(), 1, c), child(c.expr(), 2, c));
      default -> new Expr.Bad(sp);
    };
  }

  private Expr child(List<LabParser.ExprContext> es, int i, ParserRuleContext parent) {
    return i < es.size() ? expr(es.get(i)) : new Expr.Bad(stmts.endOf(parent));
  }

  private Expr binary(Span sp, Expr.BinaryOp op, List<LabParser.ExprContext> es, ParserRuleContext parent) {
    return new Expr.Binary(sp, op, child(es, 0, parent), child(es, 1, parent));
  }

  private Expr primary(LabParser.PrimaryContext ctx) {
    if (ctx == null) return new Expr.Bad(file.span(base, base));
    Span sp = stmts.span(ctx);
    return switch (ctx) {
      case LabParser.IntLitContext i -> intLit(sp, i.INT().getText());
      case LabParser.FloatLitContext f -> floatLit(sp, f.FLOAT().getText());
      case LabParser.UnitLitContext u -> unitLit(sp, u.UNIT_NUMBER().getText());
      case LabParser.BoolLitContext b -> new Expr.Bool(sp, b.TRUE() != null);
      case LabParser.NullLitContext n -> new Expr.Null(sp);
      case LabParser.IpLitContext ip -> ipLit(sp, ip.getText());
      case LabParser.CidrLitContext c -> cidrLit(sp, c.getText());
      case LabParser.StringLitContext s -> string(s.string());
      case LabParser.HeredocLitContext h -> heredoc(h.HEREDOC().getSymbol());
      case LabParser.NameRefContext n -> new Expr.Name(sp, n.IDENT().getText());
      case LabParser.ParenExprContext p -> new Expr.Paren(sp, expr(p.expr(), p));
      case LabParser.ListForContext f -> listFor(sp, f);
      case LabParser.MapForContext f -> mapFor(sp, f);
      case LabParser.ListLitContext l -> new Expr.ListLit(sp, l.expr().stream().map(this::expr).toList());
      case LabParser.ObjectLitContext o -> new Expr.ObjectLit(sp, o.objectEntry().stream().map(this::entry).toList());
      default -> new Expr.Bad(sp);
    };
  }

  private Expr.ObjectEntry entry(LabParser.ObjectEntryContext e) {
    Expr key = e.IDENT() != null ? new Expr.Name(stmts.span(e.IDENT()), e.IDENT().getText())
        : e.string() != null ? string(e.string()) : new Expr.Bad(stmts.span(e));
    return new Expr.ObjectEntry(stmts.span(e), key, expr(e.expr(), e));
  }

  private Expr listFor(Span sp, LabParser.ListForContext f) {
    var ids = f.IDENT();
    if (ids.isEmpty()) return new Expr.Bad(sp);
    Ident key = ids.size() > 1 ? stmts.ident(ids.get(0)) : null;
    Ident value = stmts.ident(ids.get(ids.size() - 1));
    var es = f.expr();
    return new Expr.ListFor(sp, key, value, child(es, 0, f), child(es, 1, f), es.size() > 2 ? expr(es.get(2)) : null);
  }

  private Expr mapFor(Span sp, LabParser.MapForContext f) {
    var ids = f.IDENT();
    if (ids.isEmpty()) return new Expr.Bad(sp);
    Ident key = ids.size() > 1 ? stmts.ident(ids.get(0)) : null;
    Ident value = stmts.ident(ids.get(ids.size() - 1));
    var es = f.expr();
    return new Expr.MapFor(sp, key, value, child(es, 0, f), child(es, 1, f), child(es, 2, f), es.size() > 3 ? expr(es.get(3)) : null);
  }

  List<Argument> arguments(LabParser.ArgumentsContext ctx) {
    var out = new ArrayList<Argument>();
    for (var a : ctx.argument()) {
      Ident name = a.IDENT() != null ? stmts.ident(a.IDENT()) : null;
      out.add(new Argument(stmts.span(a), name, expr(a.expr(), a)));
    }
    return out;
  }

  private Expr intLit(Span sp, String text) {
    try {
      long v = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
      return new Expr.Int(sp, v, text);
    } catch (NumberFormatException e) {
      diags.error(Code.INVALID_NUMBER, sp, "number `" + TokenWords.shorten(text) + "` is too large",
          "integers range from -9223372036854775808 to 9223372036854775807");
      return new Expr.Bad(sp);
    }
  }

  private Expr floatLit(Span sp, String text) {
    double v = Double.parseDouble(text);
    if (Double.isInfinite(v)) {
      diags.error(Code.INVALID_NUMBER, sp, "number `" + TokenWords.shorten(text) + "` is too large", null);
      return new Expr.Bad(sp);
    }
    return new Expr.Float(sp, v, text);
  }

  private Expr unitLit(Span sp, String text) {
    int i = 0;
    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) i++;
    String num = text.substring(0, i);
    String unit = text.substring(i);
    if (Units.kindOf(unit) == null) {
      String hint = Spelling.didYouMean(unit, Units.all());
      diags.error(Code.UNKNOWN_UNIT, file.span(sp.start() + i, sp.end()), "unknown unit `" + TokenWords.shorten(unit) + "` in `" + TokenWords.shorten(text) + "`",
          (hint == null ? "" : hint + " ") + "units are " + Units.summary());
      return new Expr.Bad(sp);
    }
    return new Expr.Unit(sp, new BigDecimal(num), num, unit);
  }

  private Expr ipLit(Span sp, String text) {
    if (!text.contains(":")) {
      for (String octet : text.split("\\.")) {
        boolean over = octet.replaceFirst("^0+(?=.)", "").length() > 3 || Integer.parseInt(octet.replaceFirst("^0+(?=.)", "")) > 255;
        if (over || octet.length() > 3) {
          diags.error(Code.INVALID_ADDRESS, sp, "`" + TokenWords.shorten(text) + "` is not an IPv4 address: `" + TokenWords.shorten(octet) + "` "
              + (over ? "is over 255" : "has more than three digits"), "each of the four parts is 0 to 255");
          return new Expr.Bad(sp);
        }
      }
    } else if (!validIpv6(text)) {
      diags.error(Code.INVALID_ADDRESS, sp, "`" + TokenWords.shorten(text) + "` is not an IPv6 address", "an IPv6 address has at most eight groups and one `::`");
      return new Expr.Bad(sp);
    }
    return new Expr.Ip(sp, text);
  }

  private Expr cidrLit(Span sp, String text) {
    int slash = text.indexOf('/');
    String addr = text.substring(0, slash);
    Expr ip = ipLit(sp, addr);
    if (ip instanceof Expr.Bad) return ip;
    int max = addr.contains(":") ? 128 : 32;
    String bits = text.substring(slash + 1);
    if (bits.length() > 3 || Integer.parseInt(bits) > max) {
      diags.error(Code.INVALID_ADDRESS, sp, "prefix length `/" + TokenWords.shorten(bits) + "` is over " + max, "a prefix length is 0 to " + max);
      return new Expr.Bad(sp);
    }
    return new Expr.Cidr(sp, text);
  }

  private static boolean validIpv6(String text) {
    if (text.indexOf("::") != text.lastIndexOf("::")) return false;
    String[] groups = text.split(":", -1);
    int nonEmpty = 0;
    for (String g : groups) if (!g.isEmpty()) nonEmpty++;
    return nonEmpty <= 7 && groups.length <= 9;
  }

  /** A quoted string: literal text with escapes decoded, and interpolated expressions. */
  Expr.Str string(LabParser.StringContext ctx) {
    Span sp = stmts.span(ctx);
    // Error recovery can enter the rule without its opening quote (`import {`); the parser has
    // reported that already, and there is no string to lower.
    if (ctx.OPEN_QUOTE() == null) return new Expr.Str(sp, List.of());
    var parts = new ArrayList<Expr.StringPart>();
    for (var p : ctx.stringPart()) {
      if (p.STRING_TEXT() != null) {
        Token t = p.STRING_TEXT().getSymbol();
        Span ts = stmts.span(t);
        parts.add(new Expr.Text(ts, unescape(t.getText(), ts)));
      } else if (p.INTERP_OPEN() != null) {
        Expr e = expr(p.expr(), p);
        parts.add(new Expr.Interpolation(stmts.span(p), e));
      }
    }
    if (ctx.CLOSE_QUOTE() == null) {
      Span open = stmts.span(ctx.OPEN_QUOTE());
      diags.error(Code.UNTERMINATED_STRING, file.span(open.start(), Math.max(open.end(), sp.end())), "unterminated string",
          "close the string with `\"` on the same line; for text over several lines use a heredoc (`<<EOT`)");
    }
    return new Expr.Str(sp, mergeText(parts));
  }

  private static List<Expr.StringPart> mergeText(List<Expr.StringPart> parts) {
    var out = new ArrayList<Expr.StringPart>();
    for (var p : parts) {
      if (p instanceof Expr.Text t && !out.isEmpty() && out.get(out.size() - 1) instanceof Expr.Text prev) {
        out.set(out.size() - 1, new Expr.Text(prev.span().to(t.span()), prev.value() + t.value()));
      } else {
        out.add(p);
      }
    }
    return out;
  }

  private String unescape(String raw, Span at) {
    if (raw.indexOf('\\') < 0) return raw;
    var sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\') { sb.append(c); continue; }
      if (i + 1 >= raw.length()) {
        diags.error(Code.INVALID_ESCAPE, file.span(at.start() + i, at.start() + i + 1), "`\\` at the end of a string", "write `\\\\` for a backslash");
        break;
      }
      char n = raw.charAt(++i);
      switch (n) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '\\' -> sb.append('\\');
        case '"' -> sb.append('"');
        case '$' -> sb.append('$');
        case 'u' -> {
          if (i + 4 < raw.length() + 0 && raw.substring(i + 1, Math.min(raw.length(), i + 5)).matches("[0-9a-fA-F]{4}")) {
            sb.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            diags.error(Code.INVALID_ESCAPE, file.span(at.start() + i - 1, at.start() + i + 1), "`\\u` must be followed by four hex digits", "write e.g. `\\u00e9`");
          }
        }
        default -> diags.error(Code.INVALID_ESCAPE, file.span(at.start() + i - 1, at.start() + i + 1),
            "unknown escape `\\" + n + "`", "escapes are \\n \\t \\r \\\\ \\\" \\$ and \\uXXXX");
      }
    }
    return sb.toString();
  }

  /** A heredoc: its body is split into text and {@code ${...}} parts, each parsed at its real offset. */
  Expr heredoc(Token t) {
    String text = t.getText();
    Span sp = stmts.span(t);
    int nl = text.indexOf('\n');
    String header = text.substring(0, nl).strip();
    boolean indented = header.startsWith("<<-");
    String marker = header.substring(indented ? 3 : 2).strip();
    int bodyStart = nl + 1;
    int lastNl = text.lastIndexOf('\n');
    String lastLine = lastNl >= bodyStart - 1 ? text.substring(lastNl + 1) : "";
    boolean terminated = lastNl >= nl && lastLine.strip().equals(marker) && lastNl + 1 > nl;
    if (!terminated || text.length() == nl + 1) {
      diags.error(Code.UNTERMINATED_HEREDOC, file.span(sp.start(), Math.min(sp.end(), sp.start() + header.length())),
          "heredoc `" + marker + "` is never closed", "end it with a line holding only `" + marker + "`");
      String raw = text.substring(bodyStart);
      return new Expr.Heredoc(sp, marker, indented, raw, List.of(new Expr.Text(sp, raw)));
    }
    String raw = lastNl + 1 > bodyStart ? text.substring(bodyStart, lastNl + 1) : "";
    int rawBase = sp.start() + bodyStart;
    int indent = indented ? commonIndent(raw) : 0;
    var parts = new ArrayList<Expr.StringPart>();
    int i = 0, textStart = 0;
    while (i < raw.length()) {
      if (raw.startsWith("${", i)) {
        int close = matchingBrace(raw, i + 2);
        if (textStart < i) parts.add(new Expr.Text(file.span(rawBase + textStart, rawBase + i), dedent(raw, textStart, i, indent)));
        if (close < 0) {
          diags.error(Code.UNEXPECTED_TOKEN, file.span(rawBase + i, rawBase + i + 2), "`${` is never closed with `}`", "close the interpolation, or write `\\${` for a literal `${`");
          textStart = i = raw.length();
          break;
        }
        Expr e = SubParser.parseExpression(file, rawBase + i + 2, raw.substring(i + 2, close), diags);
        parts.add(new Expr.Interpolation(file.span(rawBase + i, rawBase + close + 1), e));
        i = close + 1;
        textStart = i;
      } else if (raw.charAt(i) == '\\' && raw.startsWith("${", i + 1)) {
        i += 3;
      } else {
        i++;
      }
    }
    if (textStart < raw.length()) parts.add(new Expr.Text(file.span(rawBase + textStart, rawBase + raw.length()), dedent(raw, textStart, raw.length(), indent)));
    return new Expr.Heredoc(sp, marker, indented, raw, mergeText(parts));
  }

  private static int commonIndent(String raw) {
    int min = Integer.MAX_VALUE;
    for (String line : raw.split("\n", -1)) {
      if (line.isBlank()) continue;
      int n = 0;
      while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) n++;
      min = Math.min(min, n);
    }
    return min == Integer.MAX_VALUE ? 0 : min;
  }

  /** Text of {@code raw[from, to)} with up to {@code indent} blanks removed at each line start; {@code \${} becomes {@code ${}. */
  private static String dedent(String raw, int from, int to, int indent) {
    var sb = new StringBuilder();
    boolean lineStart = from == 0 || raw.charAt(from - 1) == '\n';
    int removed = 0;
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (lineStart && removed < indent && (c == ' ' || c == '\t')) { removed++; continue; }
      lineStart = false;
      if (c == '\\' && raw.startsWith("${", i + 1)) continue;
      sb.append(c);
      if (c == '\n') { lineStart = true; removed = 0; }
    }
    return sb.toString();
  }

  /** The index of the `}` closing an interpolation opened before {@code from}, skipping nested braces and strings. */
  private static int matchingBrace(String s, int from) {
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') i++;
        else if (c == '"') inString = false;
        else if (c == '\n') return -1;
        continue;
      }
      if (c == '"') inString = true;
      else if (c == '{') depth++;
      else if (c == '}') {
        if (depth == 0) return i;
        depth--;
      }
    }
    return -1;
  }
}
