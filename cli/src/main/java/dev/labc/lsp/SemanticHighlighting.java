package dev.labc.lsp;

import dev.labc.grammar.LabLexer;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.SemanticTokensLegend;

/**
 * textDocument/semanticTokens/full from labc's own lexer (the compiler's LabLexer, over UTF-16
 * chars as the parser reads them, so columns are the protocol's): keywords, strings and heredocs,
 * numbers (units, addresses and CIDRs too), comments; a name is a block kind before a label and
 * `{` (or before `{`), an attribute before `=`, a function before `(`, else a variable. Tokens
 * spanning lines (heredocs, block comments) are sent one line at a time, as clients without
 * multi-line token support need.
 */
final class SemanticHighlighting {
  private SemanticHighlighting() {}

  static final List<String> TYPES = List.of("keyword", "string", "number", "comment", "type", "property", "function", "variable");
  static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(TYPES, List.of());

  private static final int KEYWORD = 0, STRING = 1, NUMBER = 2, COMMENT = 3, TYPE = 4, PROPERTY = 5, FUNCTION = 6, VARIABLE = 7;

  /** The protocol's encoding: per token, line and start deltas, length, type, modifiers. */
  static List<Integer> of(String text) {
    var lexer = new LabLexer(CodePointCharStream.fromBuffer(CodePointBuffer.withChars(CharBuffer.wrap(text.toCharArray())), "document"));
    lexer.removeErrorListeners();
    List<? extends Token> tokens = lexer.getAllTokens();
    var out = new ArrayList<Integer>();
    int[] last = {0, 0};
    int[] lineStarts = lineStarts(text);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int type = typeOf(tokens, i);
      if (type < 0) continue;
      emit(out, last, text, lineStarts, t.getStartIndex(), t.getStopIndex() + 1, type);
    }
    return out;
  }

  private static int typeOf(List<? extends Token> tokens, int i) {
    return switch (tokens.get(i).getType()) {
      case LabLexer.IMPORT, LabLexer.AS, LabLexer.PARAM, LabLexer.LET, LabLexer.SECRET, LabLexer.FOR, LabLexer.IN,
           LabLexer.IF, LabLexer.ELSE, LabLexer.SCHEMA, LabLexer.ENUM, LabLexer.TRUE, LabLexer.FALSE, LabLexer.NULL -> KEYWORD;
      case LabLexer.OPEN_QUOTE, LabLexer.STRING_TEXT, LabLexer.CLOSE_QUOTE, LabLexer.HEREDOC -> STRING;
      case LabLexer.INT, LabLexer.FLOAT, LabLexer.UNIT_NUMBER, LabLexer.IPV4, LabLexer.IPV6, LabLexer.CIDR4, LabLexer.CIDR6 -> NUMBER;
      case LabLexer.DOC_COMMENT, LabLexer.LINE_COMMENT, LabLexer.BLOCK_COMMENT, LabLexer.HASH_COMMENT -> COMMENT;
      case LabLexer.IDENT -> name(tokens, i);
      default -> -1;
    };
  }

  private static int name(List<? extends Token> tokens, int i) {
    // The name a `let`, `param`, `for` or `as` declares is a variable, whatever follows it.
    for (int k = i - 1; k >= 0; k--) {
      if (tokens.get(k).getChannel() != Token.DEFAULT_CHANNEL) continue;
      int p = tokens.get(k).getType();
      if (p == LabLexer.LET || p == LabLexer.PARAM || p == LabLexer.FOR || p == LabLexer.AS) return VARIABLE;
      break;
    }
    int next = visible(tokens, i + 1);
    if (next < 0) return VARIABLE;
    int n = tokens.get(next).getType();
    if (n == LabLexer.ASSIGN) return PROPERTY;
    if (n == LabLexer.LPAREN) return FUNCTION;
    if (n == LabLexer.LBRACE) return startsStatement(tokens, i) ? TYPE : VARIABLE;
    if ((n == LabLexer.IDENT || n == LabLexer.OPEN_QUOTE) && startsStatement(tokens, i)) {
      // `kind label {` or `kind "label" {`
      int after = n == LabLexer.IDENT ? visible(tokens, next + 1) : closeQuote(tokens, next);
      if (after >= 0 && tokens.get(after).getType() == LabLexer.LBRACE) return TYPE;
    }
    return VARIABLE;
  }

  /** Whether the token is the first on its line (a block header starts a line in labc fmt's layout). */
  private static boolean startsStatement(List<? extends Token> tokens, int i) {
    for (int k = i - 1; k >= 0; k--) {
      Token t = tokens.get(k);
      if (t.getType() == LabLexer.NEWLINE) return true;
      if (t.getType() != LabLexer.WS) return t.getType() == LabLexer.LBRACE || t.getType() == LabLexer.RBRACE;
    }
    return true;
  }

  private static int visible(List<? extends Token> tokens, int from) {
    for (int k = from; k < tokens.size(); k++) if (tokens.get(k).getChannel() == Token.DEFAULT_CHANNEL) return k;
    return -1;
  }

  private static int closeQuote(List<? extends Token> tokens, int open) {
    for (int k = open + 1; k < tokens.size(); k++) {
      int t = tokens.get(k).getType();
      if (t == LabLexer.CLOSE_QUOTE) return visible(tokens, k + 1);
      if (t == LabLexer.STRING_NEWLINE) return -1;
    }
    return -1;
  }

  /** Appends [start, end) of the text, split at line ends, as relative tokens. */
  private static void emit(List<Integer> out, int[] last, String text, int[] lineStarts, int start, int end, int type) {
    int found = java.util.Arrays.binarySearch(lineStarts, start);
    int line = found >= 0 ? found : -found - 2, col = start - lineStarts[line];
    int s = start;
    while (s < end) {
      int nl = text.indexOf('\n', s);
      int e = nl < 0 || nl >= end ? end : nl;
      if (e > s) {
        out.add(line - last[0]);
        out.add(line == last[0] ? col - last[1] : col);
        out.add(e - s);
        out.add(type);
        out.add(0);
        last[0] = line;
        last[1] = col;
      }
      if (e == end) break;
      s = e + 1;
      line++;
      col = 0;
    }
  }

  private static int[] lineStarts(String text) {
    var starts = new ArrayList<Integer>(List.of(0));
    for (int k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.add(k + 1);
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }
}
