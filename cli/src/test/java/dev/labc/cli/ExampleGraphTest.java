package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.eval.Evaluator;
import dev.labc.format.Formatter;
import dev.labc.graph.GraphRenderer;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.source.SourceFile;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import dev.labc.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example's resource graph as sorted text, as a golden (src/test/resources/graphs/), and the
 * same graph and the same diagnostics (warnings included) whatever the order of its top-level
 * declarations (20 seeded shuffles per example). Generated programs: {@link EvaluationPropertiesTest}.
 */
class ExampleGraphTest {
  static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();

  static String graph(SourceFile file) {
    var checked = Pipeline.check(file, new Evaluator.Options(java.util.Map.of(), List.of(), name -> null));
    assertTrue(checked.ok(), () -> file.path() + ": " + checked.diagnostics());
    return GraphRenderer.text(ResourceGraphBuilder.build(checked.evaluation().program()))
        + "\n-- diagnostics --\n" + String.join("\n", EvaluationPropertiesTest.diagnosticSet(checked.diagnostics()));
  }

  /** The file with its imports first and every other top-level declaration in a shuffled order. */
  static SourceFile shuffled(SourceFile file, long seed) {
    SyntaxTree tree = SyntaxParser.parse(file);
    var imports = new ArrayList<Stmt>();
    var rest = new ArrayList<Stmt>();
    for (Stmt s : tree.statements()) (s instanceof Stmt.Import ? imports : rest).add(s);
    Collections.shuffle(rest, new Random(seed));
    imports.addAll(rest);
    var text = Formatter.format(new SyntaxTree(file, imports, List.of(), List.of())).text();
    return new SourceFile(file.path(), text);
  }

  @TestFactory
  Stream<DynamicTest> everyExample() throws IOException {
    try (var examples = Files.list(ROOT.resolve("examples"))) {
      return examples.filter(p -> Files.exists(p.resolve("cluster.lab"))).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(
          dir.getFileName().toString(), () -> {
            Path lab = dir.resolve("cluster.lab");
            var file = new SourceFile(lab.toString(), Files.readString(lab));
            String expected = graph(file);
            String graphOnly = expected.substring(0, expected.indexOf("\n-- diagnostics --\n"));
            GoldenFile.check(ROOT.resolve("cli/src/test/resources/graphs").resolve(dir.getFileName() + ".txt"), graphOnly);
            for (long seed = 1; seed <= 20; seed++) {
              SourceFile other = shuffled(file, seed);
              assertEquals(expected, graph(other), "declaration order " + seed + " changed the graph or the diagnostics");
            }
          }));
    }
  }
}
