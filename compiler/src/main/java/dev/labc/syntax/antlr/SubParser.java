package dev.labc.syntax.antlr;

import dev.labc.diag.DiagnosticCollector;
import dev.labc.grammar.LabParser;
import dev.labc.source.SourceFile;
import dev.labc.syntax.Comment;
import dev.labc.syntax.Expr;
import java.util.ArrayList;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/** Parses an expression embedded in a heredoc, with spans at its real place in the file. */
final class SubParser {
  private SubParser() {}

  static Expr parseExpression(SourceFile file, int base, String text, DiagnosticCollector diags) {
    CommonTokenStream tokens = SyntaxParser.lex(file, text, base, diags);
    if (!SyntaxParser.scanTokens(file, base, tokens, diags, new ArrayList<Comment>())) {
      return new Expr.Bad(file.span(base, base + text.length()));
    }
    LabParser parser = new LabParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    parser.setErrorHandler(new SyntaxErrorReporter(file, base, diags));
    LabParser.ExprContext ctx = parser.expr();
    if (tokens.LA(1) != Token.EOF) {
      Token t = tokens.LT(1);
      diags.error(dev.labc.diag.Code.UNEXPECTED_TOKEN, file.span(base + t.getStartIndex(), base + t.getStopIndex() + 1),
          "unexpected " + TokenWords.describe(t) + " in interpolation", "an interpolation `${...}` holds one expression");
    }
    return new ParseTreeLowering(file, base, diags).exprs.expr(ctx);
  }
}
