package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.graph.GraphRenderer;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated cluster programs (see {@link ClusterProgramGenerator}): every well-typed one checks
 * clean and builds a graph holding what the generator declared; and for well-typed and faulty
 * ones alike, shuffling the top-level declarations (imports kept first) changes neither the
 * resource graph nor the set of diagnostics. The examples' shuffles are in {@link ExampleGraphTest}.
 */
class EvaluationPropertiesTest {
  private static Checked check(String text) {
    return Pipeline.check(new SourceFile("gen.lab", text), new Evaluator.Options(Map.of(), List.of(), name -> null));
  }

  /** What a person is told, without positions (which move when declarations move). */
  static TreeSet<String> diagnosticSet(List<Diagnostic> ds) {
    var out = new TreeSet<String>();
    for (Diagnostic d : ds) {
      out.add(d.severity() + " " + d.code().id() + " " + d.message() + " @ " + (d.span() == null ? "-" : d.span().text()) + " | " + d.hint());
    }
    return out;
  }

  @Provide
  Arbitrary<ClusterProgramGenerator.Cluster> wellTyped() {
    return Arbitraries.longs().map(seed -> ClusterProgramGenerator.generate(seed, false));
  }

  @Provide
  Arbitrary<ClusterProgramGenerator.Cluster> anyCluster() {
    return Arbitraries.longs().flatMap(seed -> Arbitraries.of(true, false).map(faulty -> ClusterProgramGenerator.generate(seed, faulty)));
  }

  @Property(tries = 60)
  void everyWellTypedProgramEvaluatesAndBuildsTheGraphItDeclares(@ForAll("wellTyped") ClusterProgramGenerator.Cluster c) {
    var checked = check(c.text());
    assertTrue(checked.ok(), () -> checked.diagnostics().toString());
    Program p = checked.evaluation().program();
    assertEquals(new TreeSet<>(c.nodes()), new TreeSet<>(p.ofKind("node").stream().map(e -> e.name()).toList()));
    assertEquals(new TreeSet<>(c.users()), new TreeSet<>(p.ofKind("user").stream().map(e -> e.name()).toList()));
    assertEquals(new TreeSet<>(c.groups()), new TreeSet<>(p.ofKind("group").stream().map(e -> e.name()).toList()));
    for (String w : c.workers()) {
      assertEquals(new Value.ListV(List.of(new Value.EnumV("role", "worker"))), p.entity("node", w).get("roles"), w);
    }
    String graph = GraphRenderer.text(ResourceGraphBuilder.build(p));
    for (String node : c.nodes()) {
      assertTrue(graph.contains("node." + node + ".hostname "), () -> node + " has no hostname in\n" + graph);
      for (String user : c.users()) {
        assertTrue(graph.contains("node." + node + ".user[\"" + user + "\"]"), () -> user + " missing on " + node + " in\n" + graph);
      }
    }
    for (String w : c.workers()) {
      assertEquals(c.nfs(), graph.contains("node." + w + ".mount[\"/home\"]"), () -> "NFS mount on " + w + " in\n" + graph);
    }
  }

  @Property(tries = 40)
  void declarationOrderChangesNeitherTheGraphNorTheDiagnostics(@ForAll("anyCluster") ClusterProgramGenerator.Cluster c,
                                                               @ForAll long shuffleSeed) {
    var original = check(c.text());
    if (c.fault() != null) assertFalse(original.ok(), "the fault was not reported: " + c.fault());
    var file = new SourceFile("gen.lab", c.text());
    var other = check(ExampleGraphTest.shuffled(file, shuffleSeed).text());
    assertEquals(diagnosticSet(original.diagnostics()), diagnosticSet(other.diagnostics()));
    if (original.ok()) {
      assertEquals(GraphRenderer.text(ResourceGraphBuilder.build(original.evaluation().program())),
          GraphRenderer.text(ResourceGraphBuilder.build(other.evaluation().program())));
    }
  }
}
