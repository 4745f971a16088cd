package dev.labc.format;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.source.SourceFile;
import dev.labc.syntax.Annotation;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Comment;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Ident;
import dev.labc.syntax.LargeStack;
import dev.labc.syntax.Node;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.TypeExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code labc fmt}: prints a syntax tree in the one canonical layout. Two-space indents, one
 * statement per line, `=` aligned in runs of attributes, at most one blank line kept where the
 * author left some, every comment kept. A list or object the author wrote on one line stays on
 * one line when it fits; otherwise one item per line. The result is idempotent.
 */
public final class Formatter {
  static final int WIDTH = 100;

  /** The formatted text, or the diagnostics that prevent formatting (the input is then left alone). */
  public record Result(String text, List<Diagnostic> diagnostics) {
    public boolean ok() { return diagnostics.isEmpty(); }
  }

  private Formatter() {}

  public static Result format(SyntaxTree tree) {
    if (!tree.ok()) return new Result(null, tree.diagnostics().stream().filter(Diagnostic::isError).toList());
    return LargeStack.call(() -> new Printer(tree).init(tree).run(), () -> new Result(null, List.of(Diagnostic.error(
        Code.NESTING_TOO_DEEP, tree.file().span(0, 0), "expressions nested too deep to format", null))));
  }

  private static final class Printer {
    private final SourceFile file;
    private final String src;
    private final List<Comment> comments;
    private int nextComment;
    private final StringBuilder out = new StringBuilder();
    private int indent;
    /** End offset of the last thing printed (statement or comment), for blank-line detection. */
    private int lastEnd = -1;

    Printer(SyntaxTree tree) {
      this.file = tree.file();
      this.src = file.text();
      this.comments = tree.comments();
    }

    Result run() {
      statements(tree().statements(), src.length());
      String text = out.toString().stripTrailing();
      text = text.isEmpty() ? "" : text + "\n";
      if (nextComment < comments.size()) {
        Comment lost = comments.get(nextComment);
        return new Result(null, List.of(Diagnostic.error(Code.COMMENT_IN_EXPRESSION, lost.span(),
            "cannot keep this comment: it sits inside an expression",
            "move the comment before the statement or onto its own line between list items")));
      }
      return new Result(text, List.of());
    }

    private SyntaxTree tree;
    private SyntaxTree tree() { return tree; }

    Printer init(SyntaxTree t) { this.tree = t; return this; }

    // ---- statements -------------------------------------------------------------------

    private void statements(List<Stmt> list, int limit) {
      int[] pad = alignment(list);
      for (int i = 0; i < list.size(); i++) {
        Stmt s = list.get(i);
        leadingComments(s.span().start());
        separate(s.span().start());
        for (Annotation a : s.annotations()) {
          line(annotation(a));
        }
        statement(s, pad[i]);
        lastEnd = s.span().end();
        trailingComment(i + 1 < list.size() ? list.get(i + 1).span().start() : limit);
      }
      // Comments after the last statement, before the closing brace or end of file.
      while (nextComment < comments.size() && comments.get(nextComment).span().start() < limit) {
        Comment c = comments.get(nextComment);
        separate(c.span().start());
        line(c.text().stripTrailing());
        lastEnd = c.span().end();
        nextComment++;
      }
    }

    /** For each statement, the width to pad an attribute name to (0: no padding). */
    private int[] alignment(List<Stmt> list) {
      int[] pad = new int[list.size()];
      int i = 0;
      while (i < list.size()) {
        if (!(list.get(i) instanceof Stmt.Attribute a0) || !alignable(a0)) { i++; continue; }
        int j = i + 1;
        int width = a0.name().name().length();
        while (j < list.size() && list.get(j) instanceof Stmt.Attribute aj && alignable(aj)
            && !blankLineBetween(list.get(j - 1).span().end(), aj.span().start())
            && !commentLineBetween(list.get(j - 1).span().end(), aj.span().start())) {
          width = Math.max(width, aj.name().name().length());
          j++;
        }
        for (int k = i; k < j; k++) pad[k] = width;
        i = j;
      }
      return pad;
    }

    private boolean alignable(Stmt.Attribute a) {
      return a.annotations().isEmpty() && !(a.value() instanceof Expr.Heredoc)
          && src.indexOf('\n', a.span().start()) >= a.span().end() | src.indexOf('\n', a.span().start()) < 0
          && !expr(a.value()).contains("\n");
    }

    private boolean blankLineBetween(int from, int to) {
      int n = 0;
      for (int i = Math.max(0, from); i < to && i < src.length(); i++) {
        if (src.charAt(i) == '\n' && ++n >= 2) return true;
      }
      return false;
    }

    /**
     * A comment on a line of its own between two statements: it ends a run of aligned `=`. A
     * trailing comment (same line as the statement before it) does not, or adding one would
     * re-align its neighbours.
     */
    private boolean commentLineBetween(int from, int to) {
      for (int i = nextComment; i < comments.size(); i++) {
        int s = comments.get(i).span().start();
        if (s >= to) break;
        if (s >= from && src.substring(from, s).contains("\n")) return true;
      }
      return false;
    }

    private boolean commentBetween(int from, int to) {
      for (int i = nextComment; i < comments.size(); i++) {
        int s = comments.get(i).span().start();
        if (s >= to) break;
        if (s >= from) return true;
      }
      return false;
    }

    private void statement(Stmt s, int pad) {
      switch (s) {
        case Stmt.Import im -> {
          String head = "import " + expr(im.path()) + (im.alias() == null ? "" : " as " + im.alias().name());
          if (!im.hasArguments()) {
            line(head);
          } else {
            body(head, List.<Stmt>copyOf(im.arguments()), im.argumentsClose() == null ? im.span().end() : im.argumentsClose().start());
          }
        }
        case Stmt.Param p -> line("param " + p.name().name() + ": " + (p.secret() ? "secret " : "") + type(p.type())
            + (p.defaultValue() == null ? "" : " = " + expr(p.defaultValue())));
        case Stmt.Let l -> line("let " + l.name().name() + " = " + expr(l.value()));
        case Stmt.Attribute a -> {
          String name = a.name().name();
          String padded = pad > 0 ? name + " ".repeat(pad - name.length()) : name;
          line(padded + " = " + expr(a.value()));
        }
        case Stmt.Block b -> {
          String head = b.kind().name() + (b.label() == null ? "" : " " + expr(b.label()));
          body(head, b.body(), b.closeBrace() == null ? b.span().end() : b.closeBrace().start());
        }
        case Stmt.For f -> {
          String vars = (f.key() == null ? "" : f.key().name() + ", ") + f.value().name();
          String head = "for " + vars + " in " + expr(f.iterable()) + (f.guard() == null ? "" : " if " + expr(f.guard()));
          body(head, f.body(), f.closeBrace() == null ? f.span().end() : f.closeBrace().start());
        }
        case Stmt.If i -> ifChain(i, "if");
        case Stmt.Schema sc -> {
          startLine("schema " + sc.name().name() + " {");
          int limit = sc.span().end() - 1;
          if (sc.fields().isEmpty() && sc.body().isEmpty() && !commentBetween(sc.span().start(), limit)) {
            out.append("}\n");
            return;
          }
          out.append('\n');
          indent++;
          lastEnd = Integer.MAX_VALUE; // no blank line right after the opening brace
          for (Stmt.FieldDecl f : sc.fields()) {
            leadingComments(f.span().start());
            separate(f.span().start());
            for (Annotation a : f.annotations()) line(annotation(a));
            line(f.name().name() + ": " + (f.secret() ? "secret " : "") + type(f.type())
                + (f.defaultValue() == null ? "" : " = " + expr(f.defaultValue())));
            lastEnd = f.span().end();
            trailingComment(sc.body().isEmpty() ? limit : sc.body().get(0).span().start());
          }
          // A kind's body: its blocks, lets, `for` and `if`, laid out as any block's statements.
          if (!sc.body().isEmpty()) statements(sc.body(), limit);
          danglingComments(limit);
          indent--;
          line("}");
        }
        case Stmt.Enum en -> {
          var names = en.members().stream().map(m -> m.quoted() ? quote(m.name()) : m.name()).toList();
          String one = "enum " + en.name().name() + " { " + String.join(", ", names) + " }";
          if (names.isEmpty()) one = "enum " + en.name().name() + " {}";
          if (one.length() + indent * 2 <= WIDTH && !commentBetween(en.span().start(), en.span().end())) {
            line(one);
          } else {
            line("enum " + en.name().name() + " {");
            indent++;
            lastEnd = Integer.MAX_VALUE; // no blank line right after the opening brace
            for (int k = 0; k < en.members().size(); k++) {
              var m = en.members().get(k);
              leadingComments(m.span().start());
              line(names.get(k) + ",");
              lastEnd = m.span().end();
              trailingComment(en.span().end());
            }
            danglingComments(en.span().end() - 1);
            indent--;
            line("}");
          }
        }
      }
    }

    /** An if/else-if/else chain; an `else if` continues the `} ` line of the branch before it. */
    private void ifChain(Stmt.If i, String keyword) {
      int thenLimit = i.thenClose() == null ? i.span().end() : i.thenClose().start();
      openBodyInline(keyword + " " + expr(i.condition()), i.then(), thenLimit);
      if (!i.hasElse()) {
        line("}");
        return;
      }
      if (i.otherwise().size() == 1 && i.otherwise().get(0) instanceof Stmt.If nested && i.elseClose() == null) {
        startLine("} ");
        ifChain(nested, "else if");
        return;
      }
      int elseLimit = i.elseClose() == null ? i.span().end() : i.elseClose().start();
      openBodyInline("} else", i.otherwise(), elseLimit);
      line("}");
    }

    private void body(String head, List<Stmt> body, int closeOffset) {
      if (body.isEmpty() && !hasCommentBefore(closeOffset)) {
        line(head + " {}");
        return;
      }
      openBody(head, body, closeOffset);
      line("}");
    }

    private void openBody(String head, List<Stmt> body, int closeOffset) {
      line(head + " {");
      inner(body, closeOffset);
    }

    /** Like openBody, but continues the current line (after `} `). */
    private void openBodyInline(String head, List<Stmt> body, int closeOffset) {
      if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
        out.append(head).append(" {\n");
      } else {
        line(head + " {");
      }
      inner(body, closeOffset);
    }

    private void inner(List<Stmt> body, int closeOffset) {
      indent++;
      int savedLast = lastEnd;
      lastEnd = Integer.MAX_VALUE; // no blank line right after an opening brace
      statements(body, closeOffset);
      lastEnd = Math.max(savedLast, lastEnd == Integer.MAX_VALUE ? savedLast : lastEnd);
      indent--;
    }

    private boolean hasCommentBefore(int offset) {
      return nextComment < comments.size() && comments.get(nextComment).span().start() < offset;
    }

    // ---- comments and lines ----------------------------------------------------------------

    private void leadingComments(int before) {
      while (nextComment < comments.size() && comments.get(nextComment).span().start() < before) {
        Comment c = comments.get(nextComment);
        separate(c.span().start());
        line(c.text().stripTrailing());
        lastEnd = c.span().end();
        nextComment++;
      }
    }

    private void danglingComments(int limit) {
      leadingComments(limit);
    }

    /** A comment on the same line as the statement just printed goes at the end of its last line. */
    private void trailingComment(int limit) {
      if (nextComment >= comments.size()) return;
      Comment c = comments.get(nextComment);
      if (c.span().start() >= limit || c.isBlock() && c.text().contains("\n")) return;
      if (src.substring(Math.min(lastEnd, c.span().start()), c.span().start()).contains("\n")) return;
      if (out.length() > 0 && out.charAt(out.length() - 1) == '\n') out.setLength(out.length() - 1);
      out.append(' ').append(c.text().stripTrailing()).append('\n');
      lastEnd = c.span().end();
      nextComment++;
    }

    /** Keeps one blank line where the author left at least one. */
    private void separate(int start) {
      if (lastEnd >= 0 && lastEnd != Integer.MAX_VALUE && blankLineBetween(lastEnd, start)) {
        if (out.length() > 0 && !out.toString().endsWith("\n\n")) out.append('\n');
      }
      if (lastEnd == Integer.MAX_VALUE) lastEnd = start;
    }

    private void line(String text) {
      startLine(text);
      out.append('\n');
    }

    private void startLine(String text) {
      if (text.isEmpty()) return;
      out.append("  ".repeat(indent)).append(indentContinuation(text));
    }

    /** Multi-line values are built at indent 0; continuation lines take the current indent. */
    private String indentContinuation(String text) {
      if (!text.contains("\n") || indent == 0) return text;
      var sb = new StringBuilder();
      String[] lines = text.split("\n", -1);
      boolean inHeredoc = false;
      String marker = null;
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i];
        if (i > 0) {
          sb.append('\n');
          if (!inHeredoc && !l.isEmpty()) sb.append("  ".repeat(indent));
        }
        sb.append(l);
        if (inHeredoc && l.strip().equals(marker)) inHeredoc = false;
        int h = heredocStart(l);
        if (!inHeredoc && h >= 0) {
          inHeredoc = true;
          marker = l.substring(h).replaceFirst("^<<-?", "").strip();
        }
      }
      return sb.toString();
    }

    private static int heredocStart(String line) {
      int i = line.lastIndexOf("<<");
      if (i < 0) return -1;
      String rest = line.substring(i).replaceFirst("^<<-?", "");
      return rest.matches("[A-Za-z_][A-Za-z0-9_]*\\s*") ? i : -1;
    }

    // ---- expressions ------------------------------------------------------------------

    private String annotation(Annotation a) {
      return "@" + a.name().name() + (a.args().isEmpty() ? "" : "(" + args(a.args()) + ")");
    }

    private String type(TypeExpr t) {
      return t.qualifiedName() + (t.hasArgs() ? "(" + args(t.args()) + ")" : "") + (t.optional() ? "?" : "");
    }

    private String args(List<Argument> args) {
      var parts = new ArrayList<String>();
      for (Argument a : args) parts.add((a.name() == null ? "" : a.name().name() + ": ") + expr(a.value()));
      return String.join(", ", parts);
    }

    String expr(Expr e) {
      return switch (e) {
        case Expr.Int i -> i.text();
        case Expr.Float f -> f.text();
        case Expr.Unit u -> u.numberText() + u.unit();
        case Expr.Bool b -> String.valueOf(b.value());
        case Expr.Null n -> "null";
        case Expr.Ip ip -> ip.text();
        case Expr.Cidr c -> c.text();
        case Expr.Str s -> string(s);
        case Expr.Heredoc h -> "<<" + (h.indented() ? "-" : "") + h.marker() + "\n" + h.raw()
            + (h.indented() ? "  ".repeat(Math.max(0, indent)) : "") + h.marker();
        case Expr.Name n -> n.name();
        case Expr.Member m -> expr(m.target()) + "." + m.member().name();
        case Expr.Index ix -> expr(ix.target()) + "[" + expr(ix.index()) + "]";
        case Expr.Call c -> expr(c.callee()) + "(" + args(c.args()) + ")";
        case Expr.Unary u -> u.op().symbol + expr(u.operand());
        case Expr.Binary b -> b.op() == Expr.BinaryOp.RANGE
            ? expr(b.left()) + ".." + expr(b.right())
            : expr(b.left()) + " " + b.op().symbol + " " + expr(b.right());
        case Expr.Conditional c -> expr(c.condition()) + " ? " + expr(c.then()) + " : " + expr(c.otherwise());
        case Expr.Paren p -> "(" + expr(p.inner()) + ")";
        case Expr.ListLit l -> list(l);
        case Expr.ObjectLit o -> object(o);
        case Expr.ListFor f -> "[for " + vars(f.key(), f.value()) + " in " + expr(f.iterable()) + " : " + expr(f.body())
            + (f.guard() == null ? "" : " if " + expr(f.guard())) + "]";
        case Expr.MapFor f -> "{for " + vars(f.key(), f.value()) + " in " + expr(f.iterable()) + " : " + expr(f.keyExpr())
            + " => " + expr(f.valueExpr()) + (f.guard() == null ? "" : " if " + expr(f.guard())) + "}";
        case Expr.Bad b -> b.span().text();
      };
    }

    private static String vars(Ident key, Ident value) {
      return (key == null ? "" : key.name() + ", ") + value.name();
    }

    private boolean writtenOnOneLine(Node n) {
      int nl = src.indexOf('\n', n.span().start());
      return nl < 0 || nl >= n.span().end();
    }

    private String list(Expr.ListLit l) {
      if (l.items().isEmpty() && !commentBetween(l.span().start(), l.span().end())) return "[]";
      var items = l.items().stream().map(this::expr).toList();
      String one = "[" + String.join(", ", items) + "]";
      if (writtenOnOneLine(l) && one.length() + indent * 2 < WIDTH && !one.contains("\n")) return one;
      var sb = new StringBuilder("[\n");
      for (int i = 0; i < items.size(); i++) {
        Expr it = l.items().get(i);
        sb.append(commentsBefore(it.span().start()));
        sb.append("  ").append(items.get(i).replace("\n", "\n  ")).append(",");
        sb.append(commentAfter(it.span().end(), i + 1 < items.size() ? l.items().get(i + 1).span().start() : l.span().end()));
        sb.append('\n');
      }
      sb.append(commentsBefore(l.span().end() - 1));
      return sb.append("]").toString();
    }

    private String object(Expr.ObjectLit o) {
      if (o.entries().isEmpty() && !commentBetween(o.span().start(), o.span().end())) return "{}";
      var keys = o.entries().stream().map(en -> expr(en.key())).toList();
      var values = o.entries().stream().map(en -> expr(en.value())).toList();
      var oneParts = new ArrayList<String>();
      for (int i = 0; i < keys.size(); i++) oneParts.add(keys.get(i) + " = " + values.get(i));
      String one = "{ " + String.join(", ", oneParts) + " }";
      if (writtenOnOneLine(o) && one.length() + indent * 2 < WIDTH && !one.contains("\n")) return one;
      int width = 0;
      for (int i = 0; i < keys.size(); i++) if (!values.get(i).contains("\n")) width = Math.max(width, keys.get(i).length());
      var sb = new StringBuilder("{\n");
      for (int i = 0; i < keys.size(); i++) {
        var en = o.entries().get(i);
        sb.append(commentsBefore(en.span().start()));
        String k = keys.get(i);
        String padded = values.get(i).contains("\n") ? k : k + " ".repeat(Math.max(0, width - k.length()));
        sb.append("  ").append(padded).append(" = ").append(values.get(i).replace("\n", "\n  "));
        sb.append(commentAfter(en.span().end(), i + 1 < keys.size() ? o.entries().get(i + 1).span().start() : o.span().end()));
        sb.append('\n');
      }
      sb.append(commentsBefore(o.span().end() - 1));
      return sb.append("}").toString();
    }

    /** Comments before an item of a multi-line list or object, as lines at the item's indent. */
    private String commentsBefore(int offset) {
      var sb = new StringBuilder();
      while (nextComment < comments.size() && comments.get(nextComment).span().start() < offset) {
        sb.append("  ").append(comments.get(nextComment).text().stripTrailing()).append('\n');
        nextComment++;
      }
      return sb.toString();
    }

    private String commentAfter(int end, int limit) {
      if (nextComment >= comments.size()) return "";
      Comment c = comments.get(nextComment);
      if (c.span().start() >= limit || c.span().start() < end) return "";
      String between = src.substring(end, c.span().start());
      if (between.contains("\n") || c.text().contains("\n")) return "";
      nextComment++;
      return " " + c.text().stripTrailing();
    }

    private String string(Expr.Str s) {
      var sb = new StringBuilder("\"");
      for (int i = 0; i < s.parts().size(); i++) {
        Expr.StringPart p = s.parts().get(i);
        switch (p) {
          case Expr.Text t -> {
            String text = escape(t.value());
            // A text ending in `$` right before `${`: unescaped, `$${x}` lexes as the text `$$`
            // followed by `{x}`, so the interpolation would become text.
            boolean beforeInterpolation = i + 1 < s.parts().size() && s.parts().get(i + 1) instanceof Expr.Interpolation;
            if (beforeInterpolation && t.value().endsWith("$")) text = text.substring(0, text.length() - 1) + "\\$";
            sb.append(text);
          }
          case Expr.Interpolation in -> sb.append("${").append(expr(in.expr())).append("}");
        }
      }
      return sb.append('"').toString();
    }
  }

  /** A string literal for {@code value}: the canonical escapes. */
  public static String quote(String value) {
    return "\"" + escape(value) + "\"";
  }

  static String escape(String v) {
    var sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '$' -> sb.append(i + 1 < v.length() && v.charAt(i + 1) == '{' ? "\\$" : "$");
        default -> {
          if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.toString();
  }
}
