package dev.labc.syntax;

import static dev.labc.syntax.SpanEraser.DUMMY;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates well-formed .lab programs as syntax trees (all spans {@link SpanEraser#DUMMY}).
 * Trees are those the parser can produce: parentheses ({@link Expr.Paren}) wherever precedence
 * or the grammar needs them, no adjacent or empty text parts in strings, heredocs only where a
 * statement's value ends at the end of a line, top-level-only declarations only at top level.
 */
public final class ProgramGenerator {
  private static final Set<String> KEYWORDS = Set.of("import", "as", "param", "let", "secret", "for", "in", "if", "else",
      "schema", "enum", "true", "false", "null");
  private static final String[] WORDS = {"node", "gpu", "head", "lan", "storage", "model", "count", "address", "roles",
      "worker", "nfs_server", "power_limit", "gpu-01", "rke2", "pools", "base", "size", "x", "n", "tier", "mount"};
  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB", "ms", "s", "m", "h", "d", "W", "kW", "MW", "%"};
  private static final String[] TEXT_PIECES = {"a", "gpu", "-", " ", "é", "\"", "\\", "\n", "\t", "$", "{", "}", "${", "x}", "/srv/home", ":", "\u0001"};

  private final Random r;
  private int budget;

  public ProgramGenerator(Random random) {
    this.r = random;
  }

  /** A program of top-level statements, its size bounded so that a try stays cheap. */
  public List<Stmt> program() {
    budget = 60 + r.nextInt(140);
    var out = new ArrayList<Stmt>();
    int n = 1 + r.nextInt(8);
    for (int i = 0; i < n; i++) out.add(topLevel());
    return out;
  }

  private Stmt topLevel() {
    return switch (r.nextInt(10)) {
      case 0 -> r.nextBoolean() ? new Stmt.Import(DUMMY, annotations(), str(1), r.nextBoolean() ? ident() : null) : importWithParams();
      case 1 -> new Stmt.Param(DUMMY, annotations(), ident(), r.nextInt(4) == 0, type(), r.nextBoolean() ? expr(2) : null);
      case 2 -> new Stmt.Let(DUMMY, annotations(), ident(), value(3));
      case 3 -> schema();
      case 4 -> enumDecl();
      default -> bodyStatement(3);
    };
  }

  /** An import that sets the module's params: `import "..." { a = 1 }`, braces possibly empty. */
  private Stmt.Import importWithParams() {
    var args = new ArrayList<Stmt.Attribute>();
    int n = r.nextInt(3);
    for (int i = 0; i < n; i++) args.add(new Stmt.Attribute(DUMMY, annotations(), ident(), value(2)));
    return new Stmt.Import(DUMMY, annotations(), str(1), r.nextBoolean() ? ident() : null, args, DUMMY);
  }

  private Stmt.Schema schema() {
    var fields = new ArrayList<Stmt.FieldDecl>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      fields.add(new Stmt.FieldDecl(DUMMY, annotations(), ident(), r.nextInt(5) == 0, type(), r.nextBoolean() ? expr(2) : null));
    }
    return new Stmt.Schema(DUMMY, annotations(), ident(), fields);
  }

  private Stmt.Enum enumDecl() {
    var members = new ArrayList<Stmt.EnumMember>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      members.add(r.nextInt(3) == 0 ? new Stmt.EnumMember(DUMMY, text(), true) : new Stmt.EnumMember(DUMMY, name(), false));
    }
    return new Stmt.Enum(DUMMY, annotations(), ident(), members);
  }

  private TypeExpr type() {
    var names = new ArrayList<Ident>();
    names.add(ident());
    if (r.nextInt(4) == 0) names.add(ident());
    boolean hasArgs = r.nextInt(3) == 0;
    List<Argument> args = hasArgs ? arguments(2) : List.of();
    return new TypeExpr(DUMMY, names, args, hasArgs, r.nextInt(4) == 0);
  }

  private Stmt bodyStatement(int depth) {
    budget--;
    int pick = depth <= 0 || budget <= 0 ? 0 : r.nextInt(10);
    return switch (pick) {
      case 0, 1, 2, 3, 4 -> new Stmt.Attribute(DUMMY, annotations(), ident(), value(3));
      case 5, 6 -> new Stmt.Block(DUMMY, annotations(), ident(), label(), body(depth - 1), DUMMY);
      case 7 -> {
        boolean two = r.nextBoolean();
        yield new Stmt.For(DUMMY, annotations(), two ? ident() : null, ident(), iterable(), r.nextBoolean() ? expr(2) : null,
            body(depth - 1), DUMMY);
      }
      case 8 -> {
        boolean nested = true;
        yield ifStmt(depth, annotations(), nested);
      }
      default -> new Stmt.Let(DUMMY, annotations(), ident(), value(2));
    };
  }

  private Stmt.If ifStmt(int depth, List<Annotation> annotations, boolean mayChain) {
    Expr cond = expr(2);
    List<Stmt> then = body(depth - 1);
    return switch (mayChain ? r.nextInt(4) : r.nextInt(3)) {
      case 0 -> new Stmt.If(DUMMY, annotations, cond, then, DUMMY, false, List.of(), null);
      case 1, 2 -> new Stmt.If(DUMMY, annotations, cond, then, DUMMY, true, body(depth - 1), DUMMY);
      default -> new Stmt.If(DUMMY, annotations, cond, then, DUMMY, true, List.of(ifStmt(depth - 1, List.of(), true)), null);
    };
  }

  private List<Stmt> body(int depth) {
    var out = new ArrayList<Stmt>();
    int n = r.nextInt(4);
    for (int i = 0; i < n && budget > 0; i++) out.add(bodyStatement(depth));
    return out;
  }

  private Expr label() {
    return switch (r.nextInt(3)) {
      case 0 -> null;
      case 1 -> new Expr.Name(DUMMY, name());
      default -> str(2);
    };
  }

  private List<Annotation> annotations() {
    if (r.nextInt(6) != 0) return List.of();
    var out = new ArrayList<Annotation>();
    int n = 1 + r.nextInt(2);
    for (int i = 0; i < n; i++) out.add(new Annotation(DUMMY, ident(), r.nextBoolean() ? List.of() : arguments(2)));
    return out;
  }

  private List<Argument> arguments(int depth) {
    var out = new ArrayList<Argument>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) out.add(new Argument(DUMMY, r.nextBoolean() ? ident() : null, expr(depth)));
    return out;
  }

  /** A statement's value: any expression, or a heredoc (which must end its line). */
  private Expr value(int depth) {
    return r.nextInt(12) == 0 ? heredoc() : expr(depth);
  }

  private Expr iterable() {
    return switch (r.nextInt(3)) {
      case 0 -> new Expr.Name(DUMMY, name());
      case 1 -> new Expr.Binary(DUMMY, Expr.BinaryOp.RANGE, intLit(), new Expr.Name(DUMMY, name()));
      default -> new Expr.Call(DUMMY, new Expr.Name(DUMMY, name()), r.nextBoolean() ? List.of() : arguments(1));
    };
  }

  public Expr expr(int depth) {
    budget--;
    if (depth <= 0 || budget <= 0) return atom();
    return switch (r.nextInt(16)) {
      case 0, 1, 2, 3 -> atom();
      case 4 -> new Expr.Member(DUMMY, postfixTarget(depth - 1), ident());
      case 5 -> new Expr.Index(DUMMY, postfixTarget(depth - 1), expr(depth - 1));
      case 6 -> new Expr.Call(DUMMY, postfixTarget(depth - 1), r.nextBoolean() ? List.of() : arguments(depth - 1));
      case 7 -> unary(depth);
      case 8, 9 -> binary(depth);
      case 10 -> conditional(depth);
      case 11 -> list(depth);
      case 12 -> object(depth);
      case 13 -> listFor(depth);
      case 14 -> mapFor(depth);
      default -> str(depth - 1);
    };
  }

  private Expr atom() {
    return switch (r.nextInt(11)) {
      case 0 -> intLit();
      case 1 -> {
        String t = r.nextInt(100) + "." + r.nextInt(100) + (r.nextInt(4) == 0 ? "e" + (r.nextBoolean() ? "-" : "") + r.nextInt(20) : "");
        yield new Expr.Float(DUMMY, Double.parseDouble(t), t);
      }
      case 2 -> {
        String num = r.nextInt(4) == 0 ? r.nextInt(100) + "." + r.nextInt(10) : String.valueOf(r.nextInt(5000));
        yield new Expr.Unit(DUMMY, new BigDecimal(num), num, UNITS[r.nextInt(UNITS.length)]);
      }
      case 3 -> new Expr.Bool(DUMMY, r.nextBoolean());
      case 4 -> new Expr.Null(DUMMY);
      case 5 -> new Expr.Ip(DUMMY, r.nextBoolean() ? ipv4() : ipv6());
      case 6 -> new Expr.Cidr(DUMMY, r.nextBoolean() ? ipv4() + "/" + r.nextInt(33) : ipv6() + "/" + r.nextInt(129));
      case 7 -> str(0);
      default -> new Expr.Name(DUMMY, name());
    };
  }

  private Expr.Int intLit() {
    if (r.nextInt(6) == 0) {
      int v = r.nextInt(0x10000);
      return new Expr.Int(DUMMY, v, "0x" + Integer.toHexString(v));
    }
    long v = r.nextInt(5) == 0 ? Math.abs(r.nextLong() >> 1) : r.nextInt(1000);
    return new Expr.Int(DUMMY, v, Long.toString(v));
  }

  private String ipv4() {
    return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
  }

  private String ipv6() {
    String[] forms = {"fd00::1", "::1", "fe80::a:b:c", "2001:db8::", "fd7a:115c:a1e0::"};
    return forms[r.nextInt(forms.length)];
  }

  /** A target of `.x`, `[i]` or `(args)`: anything but an operator expression, which needs parentheses. */
  private Expr postfixTarget(int depth) {
    Expr e = expr(depth);
    return needsParensAsOperand(e) || e instanceof Expr.Int || e instanceof Expr.Float || e instanceof Expr.Unit
        || e instanceof Expr.Ip || e instanceof Expr.Cidr ? new Expr.Paren(DUMMY, e) : e;
  }

  private static boolean needsParensAsOperand(Expr e) {
    return e instanceof Expr.Binary || e instanceof Expr.Conditional || e instanceof Expr.Unary;
  }

  private Expr unary(int depth) {
    Expr operand = expr(depth - 1);
    if (operand instanceof Expr.Binary || operand instanceof Expr.Conditional) operand = new Expr.Paren(DUMMY, operand);
    return new Expr.Unary(DUMMY, r.nextBoolean() ? Expr.UnaryOp.NOT : Expr.UnaryOp.NEG, operand);
  }

  private Expr binary(int depth) {
    var ops = Expr.BinaryOp.values();
    Expr.BinaryOp op = ops[r.nextInt(ops.length)];
    Expr left = expr(depth - 1);
    Expr right = expr(depth - 1);
    // Left-associative: the left operand may hold an operator that binds at least as tightly;
    // the right operand only one that binds strictly tighter.
    if (left instanceof Expr.Conditional || left instanceof Expr.Binary b && b.op().precedence < op.precedence) {
      left = new Expr.Paren(DUMMY, left);
    }
    if (right instanceof Expr.Conditional || right instanceof Expr.Binary b && b.op().precedence <= op.precedence) {
      right = new Expr.Paren(DUMMY, right);
    }
    return new Expr.Binary(DUMMY, op, left, right);
  }

  private Expr conditional(int depth) {
    Expr cond = expr(depth - 1);
    Expr then = expr(depth - 1);
    Expr otherwise = expr(depth - 1);
    if (cond instanceof Expr.Conditional) cond = new Expr.Paren(DUMMY, cond);
    if (then instanceof Expr.Conditional) then = new Expr.Paren(DUMMY, then);
    return new Expr.Conditional(DUMMY, cond, then, otherwise);
  }

  private Expr list(int depth) {
    var items = new ArrayList<Expr>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) items.add(expr(depth - 1));
    return new Expr.ListLit(DUMMY, items);
  }

  private Expr object(int depth) {
    var entries = new ArrayList<Expr.ObjectEntry>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      Expr key = r.nextBoolean() ? new Expr.Name(DUMMY, name()) : str(0);
      entries.add(new Expr.ObjectEntry(DUMMY, key, expr(depth - 1)));
    }
    return new Expr.ObjectLit(DUMMY, entries);
  }

  /** In a comprehension `:` and `=>` separate parts, so a conditional inside one needs parentheses. */
  private Expr part(int depth) {
    Expr e = expr(depth);
    return e instanceof Expr.Conditional ? new Expr.Paren(DUMMY, e) : e;
  }

  private Expr listFor(int depth) {
    boolean two = r.nextBoolean();
    return new Expr.ListFor(DUMMY, two ? ident() : null, ident(), iterable(), part(depth - 1), r.nextBoolean() ? part(depth - 1) : null);
  }

  private Expr mapFor(int depth) {
    boolean two = r.nextBoolean();
    return new Expr.MapFor(DUMMY, two ? ident() : null, ident(), iterable(), part(depth - 1), part(depth - 1),
        r.nextBoolean() ? part(depth - 1) : null);
  }

  /** A string of alternating text and interpolations, never two texts in a row or an empty text. */
  public Expr.Str str(int depth) {
    var parts = new ArrayList<Expr.StringPart>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      boolean lastWasText = !parts.isEmpty() && parts.get(parts.size() - 1) instanceof Expr.Text;
      if (depth > 0 && (lastWasText || r.nextInt(3) == 0)) {
        parts.add(new Expr.Interpolation(DUMMY, expr(depth - 1)));
      } else if (!lastWasText) {
        parts.add(new Expr.Text(DUMMY, text()));
      }
    }
    return new Expr.Str(DUMMY, parts);
  }

  private String text() {
    var sb = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) sb.append(TEXT_PIECES[r.nextInt(TEXT_PIECES.length)]);
    return sb.toString();
  }

  private Expr heredoc() {
    boolean indented = r.nextBoolean();
    String marker = r.nextBoolean() ? "EOF" : "EOT";
    String pad = indented ? "    " : "";
    var raw = new StringBuilder();
    var value = new StringBuilder();
    int lines = 1 + r.nextInt(3);
    for (int i = 0; i < lines; i++) {
      String line = WORDS[r.nextInt(WORDS.length)] + " " + r.nextInt(100) + "/" + "rw";
      raw.append(pad).append(line).append('\n');
      value.append(line).append('\n');
    }
    return new Expr.Heredoc(DUMMY, marker, indented, raw.toString(), List.of(new Expr.Text(DUMMY, value.toString())));
  }

  private Ident ident() {
    return new Ident(DUMMY, name());
  }

  private String name() {
    if (r.nextBoolean()) return WORDS[r.nextInt(WORDS.length)];
    String letters = "abcdefghijklmnopqrstuvwxyz_";
    var sb = new StringBuilder();
    sb.append(letters.charAt(r.nextInt(letters.length())));
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(12);
      if (k == 0 && sb.charAt(sb.length() - 1) != '-') sb.append('-');
      else if (k == 1) sb.append((char) ('0' + r.nextInt(10)));
      else sb.append(letters.charAt(r.nextInt(letters.length())));
    }
    if (sb.charAt(sb.length() - 1) == '-') sb.append('x');
    String s = sb.toString();
    return KEYWORDS.contains(s) ? s + "_" : s;
  }
}
