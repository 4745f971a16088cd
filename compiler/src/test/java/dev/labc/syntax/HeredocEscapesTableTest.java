package dev.labc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.source.SourceFile;
import dev.labc.syntax.antlr.SyntaxParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The compiler's side of the heredoc escape table that the editor grammars are tested against too
 * (editors/tests/heredoc-escapes.tsv): each row's body, parsed as a heredoc, has its interpolations
 * exactly where the row's `i` classes are, and its text is the rest with each escape's backslash gone.
 */
class HeredocEscapesTableTest {
  static final Path TABLE = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize()
      .resolve("editors/tests/heredoc-escapes.tsv");

  @TestFactory
  Stream<DynamicTest> everyRow() throws IOException {
    return Files.readAllLines(TABLE).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> DynamicTest.dynamicTest(line, () -> check(line)));
  }

  static void check(String row) {
    String[] cols = row.split("\t", -1);
    assertEquals(2, cols.length, "a row is a body, a tab and its classes");
    String body = cols[0], classes = cols[1];
    assertEquals(body.length(), classes.length(), "one class per character");

    String prefix = "let x = <<EOT\n";
    SyntaxTree tree = SyntaxParser.parse(new SourceFile("table.lab", prefix + body + "\nEOT\n"));
    assertTrue(tree.diagnostics().isEmpty(), () -> "parses cleanly: " + tree.diagnostics());
    var let = assertInstanceOf(Stmt.Let.class, tree.statements().get(0));
    var heredoc = assertInstanceOf(Expr.Heredoc.class, let.value());

    // What the compiler makes, in the table's terms: a class per character and the text.
    char[] got = new char[body.length()];
    java.util.Arrays.fill(got, 't');
    var text = new StringBuilder();
    for (Expr.StringPart part : heredoc.parts()) {
      switch (part) {
        case Expr.Interpolation in -> {
          for (int c = in.span().start() - prefix.length(); c < in.span().end() - prefix.length(); c++) got[c] = 'i';
        }
        case Expr.Text t -> text.append(t.value());
      }
    }
    var wantText = new StringBuilder();
    for (int c = 0; c < body.length(); c++) {
      char k = classes.charAt(c);
      if (k == 't' || (k == 'e' && body.charAt(c) != '\\')) wantText.append(body.charAt(c));
    }
    assertEquals(classes.replace('e', 't'), new String(got), "where the interpolations are");
    assertEquals(wantText + "\n", text.toString(), "the heredoc's text");
  }
}
