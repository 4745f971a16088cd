package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labc.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/** Diagnostics published on didOpen and didChange are `labc check`'s, at the right 0-based UTF-16 ranges. */
class LspDiagnosticsTest extends LspServerTest {

  @Test
  void misspelledAttributeIsReportedOnItsNameCountingUtf16Units() throws Exception {
    // Two astral characters (two UTF-16 units each) before the error on the same line.
    String text = """
        node head {
          labels = { a = "😀😀" }, adress = 10.0.1.10
        }
        """;
    Path file = write("cluster.lab", text);
    lsp.open(file, text);
    PublishDiagnosticsParams p = lsp.diagnosticsFor(file);

    Diagnostic unknown = only(p.getDiagnostics(), "E0209");
    assertEquals(Texts.rangeOf(text, "adress", 0), unknown.getRange());
    assertEquals(new Range(new Position(1, 27), new Position(1, 33)), unknown.getRange());
    assertEquals(DiagnosticSeverity.Error, unknown.getSeverity());
    assertEquals("labc", unknown.getSource());
    assertTrue(unknown.getMessage().startsWith("`node` has no attribute `adress`"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("help: did you mean `address`?"), unknown.getMessage());
    Diagnostic missing = only(p.getDiagnostics(), "E0210");
    assertEquals(Texts.rangeOf(text, "head", 0), missing.getRange());
    assertEquals(1, p.getVersion());
  }

  @Test
  void diagnosticsAreThoseOfLabcCheck() throws Exception {
    String text = """
        network lan {
          cidr = 10.0.1.0/24
        }

        node head {
          address: 10.0.1.300
          roles = [wrker]
        }

        user alice {
          uid = 99
        }
        """;
    Path file = write("cluster.lab", text);
    lsp.open(file, text);
    List<Diagnostic> got = lsp.diagnosticsFor(file).getDiagnostics();

    JsonNode check = labcCheckJson(file);
    var expected = new ArrayList<String>();
    for (JsonNode d : check.get("diagnostics")) {
      JsonNode r = d.get("range");
      // labc's lines and columns are 1-based; LSP's are 0-based.
      expected.add(d.get("code").asText() + " " + (r.get("start").get("line").asInt() - 1) + ":" + (r.get("start").get("column").asInt() - 1)
          + "-" + (r.get("end").get("line").asInt() - 1) + ":" + (r.get("end").get("column").asInt() - 1) + " " + d.get("message").asText());
    }
    var actual = got.stream().map(d -> d.getCode().getLeft() + " " + d.getRange().getStart().getLine() + ":" + d.getRange().getStart().getCharacter()
        + "-" + d.getRange().getEnd().getLine() + ":" + d.getRange().getEnd().getCharacter() + " " + d.getMessage().lines().findFirst().orElse("")).toList();
    assertTrue(!expected.isEmpty(), "the sample must have errors");
    assertEquals(expected, actual);
  }

  @Test
  void fixingTheErrorInDidChangeClearsTheDiagnostics() throws Exception {
    String broken = "circuit closet {\n  ratting = 3600W\n}\n";
    Path file = write("cluster.lab", broken);
    lsp.open(file, broken);
    assertEquals(List.of("E0210", "E0209"), codes(lsp.diagnosticsFor(file).getDiagnostics()));

    lsp.change(file, 2, "circuit closet {\n  rating = 3600W\n}\n");
    PublishDiagnosticsParams fixed = lsp.diagnosticsFor(file);
    assertEquals(List.of(), fixed.getDiagnostics());
    assertEquals(2, fixed.getVersion());
  }

  @Test
  void aProblemInAnImportedFileIsShownOnTheImport() throws Exception {
    Path people = write("people.lab", "group research {\n  gid = 20\n}\n");
    String text = "import \"./people.lab\"\n\nnode head {\n  address = 10.0.1.10\n}\n";
    Path file = write("cluster.lab", text);
    lsp.open(file, text);
    Diagnostic d = only(lsp.diagnosticsFor(file).getDiagnostics(), "E0302");
    assertEquals(new Range(new Position(0, 0), new Position(0, 21)), d.getRange());
    assertTrue(d.getMessage().contains("people.lab:2:9"), d.getMessage());
    var related = d.getRelatedInformation().get(0).getLocation();
    assertEquals(LspSession.uri(people), related.getUri());
    assertEquals(new Range(new Position(1, 8), new Position(1, 10)), related.getRange());
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static List<String> codes(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.getCode().getLeft()).toList();
  }

  private static Diagnostic only(List<Diagnostic> ds, String code) {
    var matching = ds.stream().filter(d -> d.getCode().getLeft().equals(code)).toList();
    assertEquals(1, matching.size(), "one " + code + " in " + ds);
    return matching.get(0);
  }

  /** `labc check --format json FILE`, run in this JVM. */
  private static synchronized JsonNode labcCheckJson(Path file) throws Exception {
    PrintStream old = System.out;
    var out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Main.run("check", "--format", "json", file.toString());
    } finally {
      System.setOut(old);
    }
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }
}
