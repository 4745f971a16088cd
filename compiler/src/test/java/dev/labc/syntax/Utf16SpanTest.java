package dev.labc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.source.Position;
import dev.labc.source.SourceFile;
import dev.labc.syntax.antlr.SyntaxParser;
import org.junit.jupiter.api.Test;

/** Spans count UTF-16 units, as SourceFile's columns (and LSP positions) do, also after astral characters. */
class Utf16SpanTest {
  @Test
  void spansAfterAnEmojiPointAtTheirText() {
    String text = "node head {\n  labels = { a = \"😀😀\" }, address = 10.0.1.10\n}\n";
    SyntaxTree tree = SyntaxParser.parse(new SourceFile("t.lab", text));
    assertEquals(java.util.List.of(), tree.diagnostics());
    var block = (Stmt.Block) tree.statements().get(0);
    var address = (Stmt.Attribute) block.body().get(1);
    assertEquals("address", address.name().span().text());
    assertEquals(new Position(2, 28), address.name().span().begin());
    assertEquals("10.0.1.10", address.value().span().text());
    assertEquals("\"😀😀\"", ((Stmt.Attribute) block.body().get(0)).value() instanceof Expr.ObjectLit o
        ? o.entries().get(0).value().span().text() : null);
  }

  @Test
  void anUnexpectedCharacterAfterAnEmojiIsReportedOnIt() {
    String text = "let a = \"😀\" ' \n";
    SyntaxTree tree = SyntaxParser.parse(new SourceFile("t.lab", text));
    Diagnostic d = tree.diagnostics().stream().filter(x -> x.code() == Code.UNEXPECTED_CHARACTER).findFirst().orElseThrow();
    assertEquals("'", d.span().text());
    assertEquals(new Position(1, 14), d.span().begin());
  }

  @Test
  void anEmojiOutsideAStringIsOneUnexpectedCharacterCoveringBothUnits() {
    String text = "let a = 1 😀\n";
    SyntaxTree tree = SyntaxParser.parse(new SourceFile("t.lab", text));
    var bad = tree.diagnostics().stream().filter(x -> x.code() == Code.UNEXPECTED_CHARACTER).toList();
    assertEquals(1, bad.size(), bad.toString());
    assertEquals("😀", bad.get(0).span().text());
  }
}
