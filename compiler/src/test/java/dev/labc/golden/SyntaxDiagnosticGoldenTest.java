package dev.labc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.syntax.SourceReader;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code golden/syntax/<case>.lab} is a malformed input; {@code <case>.err} beside it is
 * exactly what a person sees for it (the uncoloured human rendering). Inputs are read as bytes
 * through {@link SourceReader#decode}, so binary and invalid UTF-8 cases go the CLI's way.
 */
class SyntaxDiagnosticGoldenTest {
  private static final Path DIR = Goldens.dir("syntax");

  /** What {@code labc check} shows for a file: decoding problems, then syntax problems. */
  static List<Diagnostic> diagnose(byte[] bytes, String displayPath) {
    SourceReader.Read read = SourceReader.decode(bytes, displayPath);
    var all = new ArrayList<>(read.diagnostics());
    SyntaxTree tree = SyntaxParser.parse(read.file());
    all.addAll(tree.diagnostics());
    all.sort(Diagnostic.ORDER);
    return all;
  }

  @TestFactory
  Stream<DynamicTest> everyMalformedInputHasItsRenderedDiagnostics() {
    return Goldens.inputs(DIR, ".lab").map(input -> DynamicTest.dynamicTest(Goldens.stem(input), input.toUri(), () -> {
      String name = input.getFileName().toString();
      List<Diagnostic> diags = diagnose(Files.readAllBytes(input), name);
      assertFalse(diags.isEmpty(), name + " is meant to be malformed but gave no diagnostics");
      for (Diagnostic d : diags) {
        if (d.span() != null) {
          assertTrue(d.span().end() <= d.span().file().text().length(), () -> "span past end of file: " + d);
        }
      }
      Goldens.check(DIR.resolve(Goldens.stem(input) + ".err"), new HumanDiagnosticRenderer(false).render(diags));
    }));
  }

  @Test
  void everyGoldenHasItsInput() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      var orphans = s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".err"))
          .filter(n -> !Files.exists(DIR.resolve(n.substring(0, n.length() - 4) + ".lab")))
          .toList();
      assertEquals(List.of(), orphans, "golden .err files without their .lab input");
    }
  }

  @Test
  void thereAreEnoughCasesToCoverTheBrief() {
    assertTrue(Goldens.inputs(DIR, ".lab").count() >= 35, "the syntax goldens cover at least 35 malformed inputs");
  }

  /**
   * A 10 MB line is generated, not committed. The rendering must stay short (the line is shown as
   * a window around the caret) and still say file:line:col.
   */
  @Test
  void aTenMegabyteLineRendersAsAShortWindowWithItsLocation() {
    var sb = new StringBuilder("node head {\n  motto = \"");
    sb.append("x".repeat(10 * 1024 * 1024));
    sb.append("\n}\n"); // the string is never closed
    List<Diagnostic> diags = diagnose(sb.toString().getBytes(StandardCharsets.UTF_8), "huge.lab");
    String out = new HumanDiagnosticRenderer(false).render(diags);
    assertFalse(diags.isEmpty());
    assertTrue(out.length() < 2_000, () -> "rendering is " + out.length() + " chars long");
    assertTrue(out.contains("huge.lab:2:11"), out);
    assertTrue(out.contains("E0103"), out);
  }

  @Test
  void invalidUtf8IsReportedAtItsLineAndColumn() {
    byte[] bytes = "node head {\n  ssh_user = \"r\u00ffot\"\n}\n".getBytes(StandardCharsets.ISO_8859_1);
    List<Diagnostic> diags = diagnose(bytes, "latin1.lab");
    assertEquals("E0111", diags.get(0).code().id());
    assertEquals("latin1.lab:2:16", diags.get(0).span().toString());
  }
}
