package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.check.GpuModels;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.eval.Builtins;
import dev.labc.eval.Evaluator;
import dev.labc.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs cannot drift from the checker: every ```lab block in docs/ and the README goes through
 * what `labc check` runs and must come out without errors or warnings, and every ```lab-error
 * block names the code it fails with (```lab-error E0404) and must fail with it. A block whose
 * first line is a comment naming a file (`// lab-users.lab`) is written under that name first,
 * so the blocks of one page that import each other are checked together (through the importer).
 */
class DocumentationExamplesTest {
  private static final Pattern FILE_COMMENT = Pattern.compile("^// ([a-z0-9-]+\\.lab)\\s*$");
  private static final Pattern ERROR_TAG = Pattern.compile("^lab-error (E\\d{4})$");
  /** A template shown in the docs (```jinja mlflow.service.peb): written beside the page's .lab files, as a module ships it. */
  private static final Pattern TEMPLATE_INFO = Pattern.compile("^[a-z]+ ([a-z0-9.-]+\\.peb)$");

  @TempDir Path dir;

  private static String read(Path doc) throws IOException {
    return Files.readString(doc);
  }

  static List<Path> documents() throws IOException {
    var docs = new ArrayList<Path>();
    try (var files = Files.list(ExampleGraphTest.ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    docs.add(ExampleGraphTest.ROOT.resolve("README.md"));
    return docs;
  }

  @TestFactory
  Stream<DynamicTest> everyLabBlockInTheDocsChecksAsItSays() throws IOException {
    var tests = new ArrayList<DynamicTest>();
    int labBlocks = 0;
    for (Path doc : documents()) {
      String name = doc.getFileName().toString();
      var fenced = MarkdownBlocks.fenced(read(doc));
      var blocks = fenced.stream().filter(b -> b.language().startsWith("lab")).toList();
      var templates = fenced.stream().filter(b -> TEMPLATE_INFO.matcher(b.language()).matches()).toList();
      for (var b : blocks) {
        if (b.language().equals("lab")) labBlocks++;
        // A module block (`// vpn.lab`) that another block imports is checked as that block
        // sees it, with the params its import sets; alone, its required params have no value.
        var named = FILE_COMMENT.matcher(b.text().lines().findFirst().orElse(""));
        if (named.matches() && blocks.stream().anyMatch(o -> o.text().contains("import \"./" + named.group(1) + "\""))) continue;
        tests.add(DynamicTest.dynamicTest(b.language() + " block at " + name + ":" + b.line(), () -> {
          Path pageDir = Files.createDirectories(dir.resolve(name));
          // Every named block of the page is there, so an import of a sibling block resolves.
          for (var other : blocks) {
            var m = FILE_COMMENT.matcher(other.text().lines().findFirst().orElse(""));
            if (m.matches()) Files.writeString(pageDir.resolve(m.group(1)), other.text());
          }
          for (var t : templates) {
            var m = TEMPLATE_INFO.matcher(t.language());
            if (m.matches()) Files.writeString(pageDir.resolve(m.group(1)), t.text());
          }
          var m = FILE_COMMENT.matcher(b.text().lines().findFirst().orElse(""));
          Path file = pageDir.resolve(m.matches() ? m.group(1) : "block-" + b.line() + ".lab");
          Files.writeString(file, b.text());
          // Checked as a reader runs it, with the environment variables its secrets name set
          // (an unset secret is E0311's warning in check, which no block is meant to show).
          List<Diagnostic> found = Pipeline.check(new SourceFile(file.toString(), b.text()),
              new Evaluator.Options(Map.of(), List.of(), var -> "doc-example-" + var.toLowerCase(java.util.Locale.ROOT))).diagnostics();
          String shown = new HumanDiagnosticRenderer(false).render(found);
          if (b.language().equals("lab")) {
            assertEquals(List.of(), found, () -> name + ":" + b.line() + " is meant to check clean:\n" + shown);
          } else {
            var tag = ERROR_TAG.matcher(b.language());
            assertTrue(tag.matches(), name + ":" + b.line() + ": write the code it fails with, ```lab-error E0101");
            assertTrue(found.stream().anyMatch(d -> d.isError() && d.code().id().equals(tag.group(1))),
                () -> name + ":" + b.line() + " is meant to fail with " + tag.group(1) + ", found:\n" + shown);
          }
        }));
      }
    }
    assertTrue(labBlocks >= 20, "the docs show every construct in a lab block");
    return tests.stream();
  }

  @Test
  void everyCodeIsListedInTheReferenceAndHasASectionInDiagnosticsMd() throws IOException {
    String reference = read(ExampleGraphTest.ROOT.resolve("docs/language.md"));
    String diagnostics = read(ExampleGraphTest.ROOT.resolve("docs/diagnostics.md"));
    for (Code c : Code.values()) {
      assertTrue(reference.contains("| " + c.id() + " | " + c.slug()), c.id() + " listed in language.md");
      assertTrue(diagnostics.contains("## " + c.id() + " `" + c.slug() + "`"), c.id() + " has a section in diagnostics.md");
    }
  }

  @Test
  void theGpuModelTableOfTheDocsAndCoreLabHaveEveryModelTheChecksKnow() throws IOException {
    String checks = read(ExampleGraphTest.ROOT.resolve("docs/checks.md"));
    String core = read(ExampleGraphTest.ROOT.resolve("stdlib/std/core.lab"));
    var m = Pattern.compile("enum gpu_model \\{([^}]*)\\}").matcher(core);
    assertTrue(m.find(), "core.lab declares gpu_model");
    var members = Stream.of(m.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    assertEquals(GpuModels.ALL.stream().map(GpuModels.GpuModel::member).toList(), members, "core.lab's gpu_model and GpuModels, in one order");
    for (var g : GpuModels.ALL) {
      String row = checks.lines().filter(l -> l.startsWith("| `" + g.member() + "` |")).findFirst().orElse(null);
      assertTrue(row != null, "checks.md has a row for " + g.member());
      String form = switch (g.form()) { case SXM -> "SXM"; case PCIE -> "PCIe"; case NVL -> "NVL"; };
      assertTrue(row.contains("| " + form + " | " + g.boardWatts() + " W | " + g.memoryGb() + " GB |"), "checks.md's row for " + g.member() + ": " + row);
      assertTrue(row.endsWith("| " + g.platformWattsPerGpu() + " W |"), "checks.md's row for " + g.member() + " gives the server's draw: " + row);
    }
  }

  /**
   * The builtins table's examples ("`cidrhost(10.0.1.0/24, 11)` is `10.0.1.11`") are evaluated,
   * both sides as .lab expressions, and must be equal: the reference cannot claim a result the
   * language does not give.
   */
  @Test
  void theBuiltinExamplesOfTheLanguageReferenceGiveWhatTheySay() throws IOException {
    String reference = read(ExampleGraphTest.ROOT.resolve("docs/language.md"));
    var example = Pattern.compile("`([a-z_]+\\([^`]*\\))` is `([^`]+)`");
    var exprs = new ArrayList<String>();
    for (String row : reference.lines().filter(l -> l.startsWith("| `") && l.contains(") -> ")).toList()) {
      var m = example.matcher(row);
      while (m.find()) {
        exprs.add(m.group(1));
        exprs.add(m.group(2));
      }
    }
    assertTrue(exprs.size() >= 2 * 10, "the builtins table shows examples: " + exprs);
    var values = BuiltinFunctionsPropertyTest.eval("", Map.of(), exprs);
    for (int i = 0; i < exprs.size(); i += 2) {
      assertEquals(values.get(i + 1), values.get(i), exprs.get(i) + " is " + exprs.get(i + 1) + ", says language.md");
    }
  }

  @Test
  void theLanguageReferenceListsEveryBuiltinWithItsSignature() throws IOException {
    String reference = read(ExampleGraphTest.ROOT.resolve("docs/language.md"));
    assertFalse(Builtins.SIGNATURES.isEmpty());
    for (var s : Builtins.SIGNATURES) {
      // A `|` inside a table cell is written `\|` in Markdown.
      String cell = "| `" + s.signature().replace("|", "\\|") + "` |";
      assertTrue(reference.contains(cell), "language.md lists " + cell);
    }
  }
}
