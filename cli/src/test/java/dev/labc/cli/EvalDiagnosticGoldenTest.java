package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.eval.Evaluator;
import dev.labc.source.SourceFile;
import dev.labc.testkit.GoldenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Language errors found while evaluating (module params, `for` inside blocks): each directory
 * under src/test/resources/eval/ holds a {@code main.lab}, the modules it imports, and
 * {@code main.err}, exactly what `labc check main.lab` shows. Cluster checks have theirs in checks/.
 */
class EvalDiagnosticGoldenTest {
  static final Path DIR = ExampleGraphTest.ROOT.resolve("cli/src/test/resources/eval");

  @TestFactory
  Stream<DynamicTest> everyCaseShowsItsDiagnostics() throws Exception {
    try (var dirs = Files.list(DIR)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
        Path main = dir.resolve("main.lab");
        // A path relative to the working directory: imports resolve from it and the golden holds no absolute path.
        Path shown = Path.of("").toAbsolutePath().relativize(main);
        var file = new SourceFile(shown.toString(), Files.readString(main));
        List<Diagnostic> ds = Pipeline.check(file, new Evaluator.Options(Map.of(), List.of(), name -> null)).diagnostics();
        assertFalse(ds.isEmpty(), dir + " is meant to fail");
        assertTrue(ds.stream().noneMatch(d -> d.message().contains("tskey-")), "a secret's text is never shown");
        GoldenFile.check(dir.resolve("main.err"), new HumanDiagnosticRenderer(false).render(ds));
      }));
    }
  }
}
