package dev.labc.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Code;
import dev.labc.golden.Goldens;
import dev.labc.source.SourceFile;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The language reference cannot drift from the parser: every ```lab block of docs/language.md
 * must parse cleanly, every ```lab-error block must not, and every diagnostic code has its
 * line in the reference and its section in docs/diagnostics.md.
 */
class DocumentationExamplesTest {
  private static String read(String doc) throws IOException {
    return Files.readString(Goldens.repoRoot().resolve("docs").resolve(doc));
  }

  @TestFactory
  Stream<DynamicTest> everyLabBlockOfTheLanguageReferenceParses() throws IOException {
    var blocks = MarkdownBlocks.fenced(read("language.md"));
    assertTrue(blocks.stream().filter(b -> b.language().equals("lab")).count() >= 15, "the reference shows every construct");
    return blocks.stream().filter(b -> b.language().startsWith("lab")).map(b -> DynamicTest.dynamicTest(
        b.language() + " block at language.md:" + b.line(), () -> {
          SyntaxTree tree = SyntaxParser.parse(new SourceFile("language.md:" + b.line(), b.text()));
          if (b.language().equals("lab-error")) {
            assertFalse(tree.ok(), "a lab-error block is meant to fail:\n" + b.text());
          } else {
            assertTrue(tree.ok(), () -> "block at language.md:" + b.line() + " does not parse: " + tree.diagnostics());
          }
        }));
  }

  @Test
  void everyCodeIsListedInTheReferenceAndHasASectionInDiagnosticsMd() throws IOException {
    String reference = read("language.md");
    String diagnostics = read("diagnostics.md");
    for (Code c : Code.values()) {
      assertTrue(reference.contains("| " + c.id() + " | " + c.slug()), c.id() + " listed in language.md");
      assertTrue(diagnostics.contains("## " + c.id() + " `" + c.slug() + "`"), c.id() + " has a section in diagnostics.md");
    }
  }
}
