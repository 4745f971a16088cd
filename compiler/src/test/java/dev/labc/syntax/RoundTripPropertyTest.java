package dev.labc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.format.Formatter;
import dev.labc.golden.Goldens;
import dev.labc.source.SourceFile;
import dev.labc.syntax.antlr.SyntaxParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Printing and parsing agree: parse(format(ast)) is ast, and fmt is a fixed point. */
class RoundTripPropertyTest {

  @Provide
  Arbitrary<List<Stmt>> programs() {
    // randomValue gives no shrinking; the failure message prints the formatted program instead.
    return Arbitraries.randomValue(random -> new ProgramGenerator(new Random(random.nextLong())).program());
  }

  static String print(List<Stmt> statements) {
    Formatter.Result r = Formatter.format(new SyntaxTree(SpanEraser.NOWHERE, statements, List.of(), List.of()));
    assertTrue(r.ok(), () -> "a generated tree should always format: " + r.diagnostics());
    return r.text();
  }

  static SyntaxTree parse(String text) {
    return SyntaxParser.parse(new SourceFile("generated.lab", text));
  }

  @Property(tries = 400)
  void parsingTheFormattedTreeGivesTheTreeBack(@ForAll("programs") List<Stmt> program) {
    String text = print(program);
    SyntaxTree tree = parse(text);
    assertTrue(tree.ok(), () -> "formatted program does not parse:\n" + text + "\n" + tree.diagnostics());
    assertEquals(program, SpanEraser.statements(tree.statements()), () -> "round trip changed the tree of:\n" + text);
  }

  @Property(tries = 300)
  void formattingIsIdempotentOnGeneratedPrograms(@ForAll("programs") List<Stmt> program) {
    String once = print(program);
    Formatter.Result twice = Formatter.format(parse(once));
    assertTrue(twice.ok(), () -> "formatted program does not format again:\n" + once + "\n" + twice.diagnostics());
    assertEquals(once, twice.text());
  }

  static List<Path> exampleFiles() throws IOException {
    Path examples = Goldens.repoRoot().resolve("examples");
    try (Stream<Path> dirs = Files.list(examples)) {
      return dirs.map(d -> d.resolve("cluster.lab")).filter(Files::exists).sorted().toList();
    }
  }

  @Example
  void everyExampleIsAlreadyFormattedAndStaysSo() throws IOException {
    List<Path> files = exampleFiles();
    assertTrue(!files.isEmpty(), "examples/*/cluster.lab exist");
    for (Path p : files) {
      String text = Files.readString(p);
      SyntaxTree tree = SyntaxParser.parse(new SourceFile(p.toString(), text));
      assertTrue(tree.ok(), () -> p + ": " + tree.diagnostics());
      Formatter.Result once = Formatter.format(tree);
      assertTrue(once.ok(), () -> p + ": " + once.diagnostics());
      Formatter.Result twice = Formatter.format(parse(once.text()));
      assertEquals(once.text(), twice.text(), p + " formats to a fixed point");
      assertEquals(text, once.text(), p + " is in canonical layout (labc fmt --check passes)");
    }
  }

  @Example
  void theRoundTripSurvivesATreeWithEveryKindOfNode() {
    // A fixed seed keeps one large program in every run, whatever jqwik's random source does.
    var gen = new ProgramGenerator(new Random(20240611L));
    for (int i = 0; i < 50; i++) {
      List<Stmt> program = gen.program();
      String text = print(program);
      assertEquals(program, SpanEraser.statements(parse(text).statements()), () -> text);
    }
  }
}
