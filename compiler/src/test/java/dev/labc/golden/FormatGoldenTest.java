package dev.labc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.format.Formatter;
import dev.labc.source.SourceFile;
import dev.labc.syntax.SourceReader;
import dev.labc.syntax.Comment;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code golden/format/<case>.lab} is well-formed but untidy; {@code <case>.out} is its
 * canonical layout. Each case also checks that formatting the output changes nothing and that
 * every comment survives, word for word.
 */
class FormatGoldenTest {
  private static final Path DIR = Goldens.dir("format");

  static String format(String text, String name) {
    SyntaxTree tree = SyntaxParser.parse(new SourceFile(name, text));
    assertTrue(tree.ok(), () -> name + " should parse: " + tree.diagnostics());
    Formatter.Result r = Formatter.format(tree);
    assertTrue(r.ok(), () -> name + " should format: " + r.diagnostics());
    return r.text();
  }

  @TestFactory
  Stream<DynamicTest> everyUntidyInputFormatsToItsCanonicalLayout() {
    return Goldens.inputs(DIR, ".lab").map(input -> DynamicTest.dynamicTest(Goldens.stem(input), input.toUri(), () -> {
      String name = input.getFileName().toString();
      String source = SourceReader.decode(Files.readAllBytes(input), name).file().text();
      String formatted = format(source, name);

      assertEquals(formatted, format(formatted, name + " (formatted)"), "formatting is idempotent");
      var before = SyntaxParser.parse(new SourceFile(name, source)).comments().stream().map(c -> c.text().strip()).toList();
      var after = SyntaxParser.parse(new SourceFile(name, formatted)).comments().stream().map(c -> c.text().strip()).toList();
      assertEquals(before, after, "every comment is kept, in order");

      Goldens.check(DIR.resolve(Goldens.stem(input) + ".out"), formatted);
    }));
  }
}
