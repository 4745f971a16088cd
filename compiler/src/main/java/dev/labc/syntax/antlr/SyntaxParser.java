package dev.labc.syntax.antlr;

import dev.labc.diag.Code;
import dev.labc.diag.DiagnosticCollector;
import dev.labc.grammar.LabLexer;
import dev.labc.grammar.LabParser;
import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import dev.labc.syntax.Comment;
import dev.labc.syntax.LargeStack;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses a .lab file into a {@link SyntaxTree}: always a tree, with every syntax error of the
 * file as a diagnostic. The only way into ANTLR; its types never leave this package.
 */
public final class SyntaxParser {
  /**
   * After this many runs of unprintable characters (control codes, undecodable bytes) the input is
   * taken for a binary file: one error says so, instead of dozens of "unexpected character" errors.
   */
  static final int MAX_UNPRINTABLE_RUNS = 8;

  /** Brackets nested deeper than this are refused before parsing, with a clear error. */
  public static final int MAX_NESTING = 200;

  private SyntaxParser() {}

  public static SyntaxTree parse(SourceFile file) {
    return LargeStack.call(() -> parseOnThisStack(file), () -> tooDeep(file));
  }

  private static SyntaxTree tooDeep(SourceFile file) {
    var diags = new DiagnosticCollector();
    diags.error(Code.NESTING_TOO_DEEP, file.span(0, 0), "expressions nested too deep to parse",
        "split the expression with `let` bindings");
    return new SyntaxTree(file, List.of(), List.of(), diags.toList());
  }

  private static SyntaxTree parseOnThisStack(SourceFile file) {
    var diags = new DiagnosticCollector();
    CommonTokenStream tokens = lex(file, file.text(), 0, diags);
    var comments = new ArrayList<Comment>();
    if (!scanTokens(file, 0, tokens, diags, comments)) {
      return new SyntaxTree(file, List.of(), comments, diags.toList());
    }
    LabParser.FileContext tree = parseFile(file, 0, tokens, diags);
    List<Stmt> statements = new ParseTreeLowering(file, 0, diags).file(tree);
    return new SyntaxTree(file, statements, comments, diags.toList());
  }

  static CommonTokenStream lex(SourceFile file, String text, int base, DiagnosticCollector diags) {
    // Indexed in UTF-16 units, as spans and SourceFile are: CharStreams.fromString counts code
    // points, which put every span after an emoji or other astral character that many places early.
    LabLexer lexer = new LabLexer(CodePointCharStream.fromBuffer(CodePointBuffer.withChars(CharBuffer.wrap(text.toCharArray())), file.path()));
    lexer.removeErrorListeners();
    lexer.addErrorListener(new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> r, Object sym, int line, int col, String msg, RecognitionException e) {
        int at = base + lexer._input.index();
        int start = Math.min(at, file.text().length());
        diags.error(Code.UNEXPECTED_CHARACTER, file.span(start, Math.min(start + 1, file.text().length())),
            "unexpected character", null);
      }
    });
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    return tokens;
  }

  /** Reports bad characters and unterminated comments, collects comments, checks nesting depth. */
  static boolean scanTokens(SourceFile file, int base, CommonTokenStream tokens, DiagnosticCollector diags, List<Comment> comments) {
    if (looksBinary(file, base, tokens, diags)) return false;
    int depth = 0;
    Token badRunStart = null, badRunEnd = null;
    for (Token t : tokens.getTokens()) {
      boolean extendsRun = t.getType() == LabLexer.BAD_CHAR && badRunEnd != null && badRunEnd.getStopIndex() + 1 == t.getStartIndex();
      if (badRunStart != null && !extendsRun) {
        reportBadRun(file, base, badRunStart, badRunEnd, diags);
        badRunStart = badRunEnd = null;
      }
      if (t.getType() == LabLexer.BAD_CHAR) {
        if (badRunStart == null) badRunStart = t;
        badRunEnd = t;
        continue;
      }
      switch (t.getType()) {
        case LabLexer.UNTERMINATED_BLOCK_COMMENT -> diags.error(Code.UNTERMINATED_COMMENT,
            file.span(base + t.getStartIndex(), base + t.getStartIndex() + 2), "unterminated comment",
            "close the comment with `*/`");
        case LabLexer.LINE_COMMENT, LabLexer.DOC_COMMENT, LabLexer.BLOCK_COMMENT, LabLexer.HASH_COMMENT ->
            comments.add(new Comment(file.span(base + t.getStartIndex(), base + t.getStopIndex() + 1), t.getText()));
        case LabLexer.LBRACE, LabLexer.LBRACK, LabLexer.LPAREN, LabLexer.INTERP_OPEN -> {
          if (++depth > MAX_NESTING) {
            diags.error(Code.NESTING_TOO_DEEP, file.span(base + t.getStartIndex(), base + t.getStopIndex() + 1),
                "nesting too deep: more than " + MAX_NESTING + " open brackets",
                "split the value into smaller pieces with `let` bindings");
            return false;
          }
        }
        case LabLexer.RBRACE, LabLexer.RBRACK, LabLexer.RPAREN -> depth = Math.max(0, depth - 1);
        default -> { }
      }
    }
    // The token list ends with EOF, which is never a bad character, so every run was flushed above.
    return true;
  }

  /** Many separate runs of unprintable characters: report the file once as binary, not byte by byte. */
  private static boolean looksBinary(SourceFile file, int base, CommonTokenStream tokens, DiagnosticCollector diags) {
    int runs = 0;
    Token first = null, previous = null;
    for (Token t : tokens.getTokens()) {
      boolean bad = t.getType() == LabLexer.BAD_CHAR && unprintable(t);
      boolean startsRun = bad && (previous == null || previous.getType() != LabLexer.BAD_CHAR
          || previous.getStopIndex() + 1 != t.getStartIndex());
      if (startsRun && ++runs == 1) first = t;
      previous = t;
    }
    if (runs < MAX_UNPRINTABLE_RUNS) return false;
    diags.error(Code.UNEXPECTED_CHARACTER, file.span(base + first.getStartIndex(), base + first.getStopIndex() + 1),
        "this looks like a binary file, not .lab text: " + runs + " runs of unreadable characters",
        "check the file name; .lab files are UTF-8 text");
    return true;
  }

  private static boolean unprintable(Token t) {
    int c = t.getText().codePointAt(0);
    return c == 0xFFFD || Character.isISOControl(c);
  }

  private static void reportBadRun(SourceFile file, int base, Token first, Token last, DiagnosticCollector diags) {
    if (first == null) return;
    Span sp = file.span(base + first.getStartIndex(), base + last.getStopIndex() + 1);
    String text = sp.text();
    String shown = text.codePoints().allMatch(c -> c > 32 && c < 127)
        ? "`" + TokenWords.shorten(text) + "`"
        : String.format("U+%04X", text.codePointAt(0));
    String hint = text.startsWith("$") ? "interpolation `${...}` is only allowed inside strings"
        : text.startsWith("'") ? "strings use double quotes: \"...\""
        : text.startsWith("\\") ? "a backslash escape is only allowed inside strings"
        : "remove it; if the file is not a .lab source, check the file name";
    diags.error(Code.UNEXPECTED_CHARACTER, sp,
        (text.codePointCount(0, text.length()) > 1 ? "unexpected characters starting with " : "unexpected character ") + shown, hint);
  }

  /** Two-stage parse: fast SLL first; on failure, full LL with error recovery and our messages. */
  static LabParser.FileContext parseFile(SourceFile file, int base, CommonTokenStream tokens, DiagnosticCollector diags) {
    LabParser parser = new LabParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return parser.file();
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new SyntaxErrorReporter(file, base, diags));
      return parser.file();
    }
  }
}
