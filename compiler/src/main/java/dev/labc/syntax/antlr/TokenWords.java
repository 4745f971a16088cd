package dev.labc.syntax.antlr;

import dev.labc.grammar.LabLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Says tokens and sets of expected tokens in words, never as ANTLR's raw token sets. */
final class TokenWords {
  private TokenWords() {}

  private static final Set<Integer> EXPRESSION_STARTS = Set.of(
      LabLexer.INT, LabLexer.FLOAT, LabLexer.UNIT_NUMBER, LabLexer.TRUE, LabLexer.FALSE, LabLexer.NULL,
      LabLexer.IPV4, LabLexer.IPV6, LabLexer.CIDR4, LabLexer.CIDR6, LabLexer.OPEN_QUOTE, LabLexer.HEREDOC,
      LabLexer.LPAREN, LabLexer.LBRACK, LabLexer.BANG, LabLexer.MINUS);

  private static final Set<Integer> BINARY_OPERATORS = Set.of(
      LabLexer.PLUS, LabLexer.STAR, LabLexer.SLASH, LabLexer.PERCENT, LabLexer.EQEQ, LabLexer.NEQ,
      LabLexer.LT, LabLexer.LE, LabLexer.GT, LabLexer.GE, LabLexer.ANDAND, LabLexer.OROR, LabLexer.DOTDOT);

  /** A token as a user would name it: "`}`", "name `foo`", "end of file". */
  static String describe(Token t) {
    if (t == null || t.getType() == Token.EOF) return "end of file";
    String text = t.getText();
    return switch (t.getType()) {
      case LabLexer.IDENT -> "name `" + shorten(text) + "`";
      case LabLexer.INT, LabLexer.FLOAT -> "number `" + shorten(text) + "`";
      case LabLexer.UNIT_NUMBER -> "quantity `" + shorten(text) + "`";
      // No article: messages read "unexpected string", "expected `=` before string".
      case LabLexer.OPEN_QUOTE -> "string";
      case LabLexer.HEREDOC -> "heredoc";
      case LabLexer.IPV4, LabLexer.IPV6 -> "address `" + shorten(text) + "`";
      case LabLexer.CIDR4, LabLexer.CIDR6 -> "network `" + shorten(text) + "`";
      case LabLexer.STRING_NEWLINE -> "end of line";
      default -> {
        String lit = LabLexer.VOCABULARY.getLiteralName(t.getType());
        if (lit != null) {
          String bare = lit.substring(1, lit.length() - 1);
          yield Character.isLetter(bare.charAt(0)) ? "keyword `" + bare + "`" : "`" + bare + "`";
        }
        yield "`" + shorten(text) + "`";
      }
    };
  }

  /** An expected-token set in words: "an expression", "`=` or `{`". */
  static String expected(IntervalSet set) {
    if (set == null || set.isNil()) return null;
    List<Integer> types = set.toList();
    long exprStarts = types.stream().filter(EXPRESSION_STARTS::contains).count();
    boolean ident = types.contains(LabLexer.IDENT);
    if (exprStarts >= 4) return "an expression";
    // After `param x:` or a schema field's `:` the parser wants a type, optionally `secret`.
    if (ident && types.contains(LabLexer.SECRET)) return "a type";
    if (ident && (types.contains(LabLexer.PARAM) || types.contains(LabLexer.IMPORT) || types.contains(LabLexer.FOR))) {
      return types.contains(LabLexer.RBRACE) ? "an attribute, a block or `}`" : "a declaration, a block or an attribute";
    }
    var words = new ArrayList<String>();
    boolean ops = false;
    for (int type : types) {
      if (BINARY_OPERATORS.contains(type)) { ops = true; continue; }
      // `in` is an operator only where other operators are possible too; in `for i in xs` it is a keyword.
      boolean otherOperators = types.stream().anyMatch(BINARY_OPERATORS::contains);
      if (type == LabLexer.DOT || type == LabLexer.LBRACK && types.contains(LabLexer.PLUS) || type == LabLexer.QUESTION
          || type == LabLexer.IN && otherOperators) {
        ops = true;
        continue;
      }
      words.add(switch (type) {
        case Token.EOF -> "end of file";
        case LabLexer.IDENT -> "a name";
        case LabLexer.OPEN_QUOTE -> "a string";
        case LabLexer.INT -> "a number";
        default -> {
          String lit = LabLexer.VOCABULARY.getLiteralName(type);
          yield lit == null ? LabLexer.VOCABULARY.getDisplayName(type).toLowerCase() : "`" + lit.substring(1, lit.length() - 1) + "`";
        }
      });
    }
    if (ops && words.isEmpty()) return "an operator";
    if (ops) words.add("an operator");
    words = new ArrayList<>(words.stream().distinct().toList());
    if (words.isEmpty()) return null;
    if (words.size() == 1) return words.get(0);
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }

  static String shorten(String s) {
    String one = s.replace("\n", "\\n").replace("\r", "\\r");
    return one.length() > 40 ? one.substring(0, 37) + "..." : one;
  }
}
