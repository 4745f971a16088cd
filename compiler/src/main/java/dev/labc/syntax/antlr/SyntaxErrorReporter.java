package dev.labc.syntax.antlr;

import dev.labc.diag.Code;
import dev.labc.diag.DiagnosticCollector;
import dev.labc.grammar.LabLexer;
import dev.labc.grammar.LabParser;
import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery with our own words: every report becomes a {@code Diagnostic} that says what
 * was found and what was expected ("unexpected `}`, expected an expression"), with the caret
 * on the offending token, or just past the previous token when something is missing.
 */
final class SyntaxErrorReporter extends DefaultErrorStrategy {
  private final SourceFile file;
  private final int base;
  private final DiagnosticCollector diags;

  SyntaxErrorReporter(SourceFile file, int base, DiagnosticCollector diags) {
    this.file = file;
    this.base = base;
    this.diags = diags;
  }

  @Override
  protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
    if (nameThenWrongToken(parser, e)) return;
    report(parser, e.getOffendingToken(), parser.getExpectedTokens(), e.getCtx());
  }

  /**
   * `address 10.0.1.11` or `address: 10.0.1.11` in a body: the decision between attribute and block
   * started at the name and failed on the next token. ANTLR blames the statement as a whole
   * ("expected a declaration"); the user needs to hear that `=` (or `{`) is missing after the name.
   */
  private boolean nameThenWrongToken(Parser parser, NoViableAltException e) {
    Token start = e.getStartToken();
    Token t = e.getOffendingToken();
    if (start == null || t == null || start.getType() != LabLexer.IDENT || t.getType() == Token.EOF) return false;
    if (!(e.getCtx() instanceof LabParser.FileContext || e.getCtx() instanceof LabParser.BlockBodyContext
        || e.getCtx() instanceof LabParser.StatementContext || e.getCtx() instanceof LabParser.BodyItemContext)) return false;
    if (nextVisible(parser.getInputStream(), start.getTokenIndex()) != t.getTokenIndex()) return false;
    noteError();
    String hint = t.getType() == LabLexer.COLON
        ? "attributes use `=`, not `:`: write `" + start.getText() + " = value`"
        : "write an attribute as `name = value`, or a block as `kind name { ... }`";
    diags.error(Code.UNEXPECTED_TOKEN, tokenSpan(t),
        "unexpected " + TokenWords.describe(t) + " after name `" + TokenWords.shorten(start.getText()) + "`, expected `=` or `{`", hint);
    return true;
  }

  /**
   * `address =` with nothing after it on its line: newlines do not end statements, so the next
   * line's name became the value and its `=` is the unexpected token. Say what really happened.
   */
  private static boolean valueMissingOnLineBefore(TokenStream tokens, Token t) {
    if (t == null || t.getType() != LabLexer.ASSIGN) return false;
    Token name = previousVisible(tokens, t);
    if (name == null || name.getType() != LabLexer.IDENT) return false;
    Token assign = previousVisible(tokens, name);
    return assign != null && assign.getType() == LabLexer.ASSIGN && assign.getLine() < name.getLine();
  }

  private static Token previousVisible(TokenStream tokens, Token t) {
    for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
      if (tokens.get(i).getChannel() == Token.DEFAULT_CHANNEL) return tokens.get(i);
    }
    return null;
  }

  private static int nextVisible(TokenStream tokens, int index) {
    for (int i = index + 1; i < tokens.size(); i++) {
      if (tokens.get(i).getChannel() == Token.DEFAULT_CHANNEL) return i;
    }
    return -1;
  }

  /** Whether a syntax error was already reported: later "unmatched `}`" and "end of file" errors are then recovery fallout. */
  private boolean reportedAny;

  private void noteError() { reportedAny = true; }

  /** True once any error is known: one from this parser, or a bad character or comment from the lexer. */
  private boolean afterEarlierError() { return reportedAny || diags.hasErrors(); }

  @Override
  protected void reportInputMismatch(Parser parser, InputMismatchException e) {
    report(parser, e.getOffendingToken(), e.getExpectedTokens(), e.getCtx());
  }

  @Override
  protected void reportFailedPredicate(Parser parser, FailedPredicateException e) {
    report(parser, e.getOffendingToken(), null, e.getCtx());
  }

  @Override
  protected void reportUnwantedToken(Parser parser) {
    if (inErrorRecoveryMode(parser)) return;
    beginErrorCondition(parser);
    report(parser, parser.getCurrentToken(), getExpectedTokens(parser), parser.getContext());
  }

  @Override
  protected void reportMissingToken(Parser parser) {
    if (inErrorRecoveryMode(parser)) return;
    beginErrorCondition(parser);
    Token t = parser.getCurrentToken();
    IntervalSet expected = getExpectedTokens(parser);
    String what = TokenWords.expected(expected);
    Span at = pastPrevious(parser.getInputStream(), t);
    String found = TokenWords.describe(t);
    if (afterEarlierError() && (t == null || t.getType() == Token.EOF)) return;
    noteError();
    diags.error(Code.UNEXPECTED_TOKEN, at, "expected " + (what == null ? "more input" : what) + " before " + found,
        hintFor(parser.getContext(), t, expected));
  }

  private void report(Parser parser, Token t, IntervalSet expected, org.antlr.v4.runtime.RuleContext ctx) {
    String what = TokenWords.expected(expected);
    String found = TokenWords.describe(t);
    Span at;
    if (t == null || t.getType() == Token.EOF) {
      at = pastPrevious(parser.getInputStream(), t);
    } else {
      at = tokenSpan(t);
    }
    String message;
    boolean unmatchedBrace = t != null && t.getType() == LabLexer.RBRACE && expected != null
        && !expected.contains(LabLexer.RBRACE) && ctx instanceof LabParser.FileContext;
    boolean atEnd = t == null || t.getType() == Token.EOF;
    // After an earlier error, recovery has usually skipped or conjured a brace: an "unmatched `}`"
    // or "unexpected end of file" then repeats the first mistake in other words (rustc does the same).
    if (afterEarlierError() && (unmatchedBrace || atEnd)) return;
    noteError();
    if (unmatchedBrace) {
      message = "unmatched `}`";
    } else {
      message = "unexpected " + found + (what == null ? "" : ", expected " + what);
    }
    String hint = valueMissingOnLineBefore(parser.getInputStream(), t)
        ? "the attribute before `" + TokenWords.shorten(previousVisible(parser.getInputStream(), t).getText()) + "` has no value after its `=`"
        : hintFor(ctx instanceof ParserRuleContext p ? p : null, t, expected);
    diags.error(Code.UNEXPECTED_TOKEN, at, message, hint);
  }

  /** Targeted advice for the mistakes people make most. */
  private static String hintFor(ParserRuleContext ctx, Token t, IntervalSet expected) {
    if (t == null || t.getType() == Token.EOF) {
      return "the file ended early: check that every `{`, `[` and `(` is closed";
    }
    if (expected != null && expected.contains(LabLexer.ASSIGN) && expected.contains(LabLexer.LBRACE)) {
      return "write an attribute as `name = value`, or a block as `kind name { ... }`";
    }
    if (t.getType() == LabLexer.COLON && expected != null && expected.contains(LabLexer.ASSIGN)) {
      return "attributes use `=`, not `:`: write `name = value`";
    }
    if (t.getType() == LabLexer.ASSIGN && expected != null && expected.contains(LabLexer.EQEQ)) {
      return "to compare values use `==`";
    }
    if (expected != null && expected.contains(LabLexer.RBRACK) && expected.contains(LabLexer.COMMA)) {
      return "separate list items with `,` and close the list with `]`";
    }
    if (expected != null && expected.contains(LabLexer.RPAREN) && expected.contains(LabLexer.COMMA)) {
      return "separate arguments with `,` and close the call with `)`";
    }
    if (ctx instanceof LabParser.ParamDeclContext) {
      return "a parameter is written `param name: type = default`";
    }
    return null;
  }

  private Span tokenSpan(Token t) {
    int start = base + t.getStartIndex();
    int end = Math.max(start + 1, base + t.getStopIndex() + 1);
    return file.span(Math.min(start, file.text().length()), Math.min(end, file.text().length()));
  }

  /** A zero-width span just past the last visible token before {@code t}: Pkl's rule for missing tokens. */
  private Span pastPrevious(TokenStream tokens, Token t) {
    int idx = t == null ? tokens.size() - 1 : t.getTokenIndex();
    for (int i = idx - 1; i >= 0; i--) {
      Token p = tokens.get(i);
      if (p.getChannel() == Token.DEFAULT_CHANNEL) {
        int end = Math.min(file.text().length(), base + p.getStopIndex() + 1);
        return file.span(end, end);
      }
    }
    return file.span(base, base);
  }
}
