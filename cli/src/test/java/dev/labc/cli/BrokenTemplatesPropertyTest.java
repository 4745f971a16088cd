package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.Scope;
import dev.labc.compile.Checked;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Value;
import dev.labc.graph.Resource;
import dev.labc.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Labs with broken templates and templates that misuse their values, as a lab would write them:
 * compiling never throws out of the compiler, each file whose template fails is reported exactly
 * once (E0418 at its `template` attribute, naming the template and the first node it fails for),
 * and a file whose template renders is in the graph with each node's own rendering.
 */
class BrokenTemplatesPropertyTest {
  /** What is wrong with one file's template, and for which node it fails. */
  enum Flaw {
    NONE("{{ node.name }} {{ vars.s }}\n"),
    UNDEFINED_VARIABLE("{{ vars.missing }}\n"),
    SYNTAX_ERROR("{% if %}x{% endif %}\n"),
    UNCLOSED_TAG("{{ node.name \n"),
    ATTRIBUTE_OF_A_STRING("{{ vars.n.field }}\n"),
    ARITHMETIC_ON_A_STRING("{{ vars.s / 0 }}\n"),
    FAILS_ON_N2_ONLY("{% if node.name == \"n2\" %}{{ vars.missing }}{% endif %}{{ node.name }}\n"),
    MISSING_FILE(null),
    A_DIRECTORY(null);

    final String text;

    Flaw(String text) { this.text = text; }

    boolean failsFor(String node) {
      return switch (this) {
        case NONE -> false;
        case FAILS_ON_N2_ONLY -> node.equals("n2");
        default -> true;
      };
    }

    boolean unreadable() { return this == MISSING_FILE || this == A_DIRECTORY; }
  }

  /** One declared file: its flaw, and the nodes its `on` names (empty: every node). */
  record FileSpec(Flaw flaw, Set<Integer> on) {}

  @Provide
  Arbitrary<List<FileSpec>> files() {
    Arbitrary<Set<Integer>> on = Arbitraries.integers().between(1, 4).set().ofMaxSize(3);
    return Combinators.combine(Arbitraries.of(Flaw.class), on).as(FileSpec::new).list().ofMinSize(1).ofMaxSize(6);
  }

  // Tries: jqwik.tries.default (50 here).
  @Property
  void eachBrokenTemplateIsOneLocatedDiagnosticAndNeverAnException(
      @ForAll @IntRange(min = 1, max = 4) int nodes, @ForAll("files") List<FileSpec> files,
      @ForAll @IntRange(min = 0, max = 5) int loopPasses, @ForAll Flaw loopFlaw) throws IOException {
    Path dir = Files.createTempDirectory("labc-templates");
    try {
      var lab = new StringBuilder();
      for (int n = 1; n <= nodes; n++) lab.append("node n").append(n).append(" {\n  address = 10.0.1.").append(10 + n).append("\n}\n");
      // Which nodes each file is on, in the builder's order (node names sort as their numbers here).
      var targets = new ArrayList<List<String>>();
      for (int i = 0; i < files.size(); i++) {
        FileSpec f = files.get(i);
        var on = new TreeSet<Integer>(f.on());
        on.removeIf(n -> n > nodes);
        lab.append("file f").append(i).append(" {\n  path     = \"/etc/labc-f").append(i).append("\"\n  template = \"t").append(i).append(".peb\"\n");
        lab.append("  vars     = { s = \"text\", n = \"3\" }\n");
        if (!on.isEmpty()) lab.append("  on       = [").append(String.join(", ", on.stream().map(n -> "n" + n).toList())).append("]\n");
        lab.append("}\n");
        var t = new ArrayList<String>();
        for (int n = 1; n <= nodes; n++) if (on.isEmpty() || on.contains(n)) t.add("n" + n);
        targets.add(t);
        write(dir, "t" + i + ".peb", f.flaw());
      }
      if (loopPasses > 0) {
        // A loop's files share one declaration: past three at one place, the first stands for the rest.
        lab.append("for i in 1..").append(loopPasses).append(" {\n  file \"loop-${i}\" {\n    path     = \"/etc/labc-loop-${i}\"\n")
            .append("    template = \"loop.peb\"\n    vars     = { s = \"text\", n = \"3\" }\n  }\n}\n");
        write(dir, "loop.peb", loopFlaw);
      }
      Path labFile = dir.resolve("cluster.lab");
      Files.writeString(labFile, lab);

      Checked checked = Pipeline.COMPILER.check(new SourceFile(labFile.toString(), lab.toString()),
          new Evaluator.Options(Map.of(), List.of(), name -> null));

      String all = checked.diagnostics().toString();
      assertFalse(checked.hitBug(), all);
      assertTrue(checked.diagnostics().stream().allMatch(d -> d.code() == Code.TEMPLATE), all);
      var reported = new ArrayList<>(checked.diagnostics());
      int expected = 0;
      for (int i = 0; i < files.size(); i++) {
        String template = "t" + i + ".peb";
        Flaw flaw = files.get(i).flaw();
        var at = reported.stream().filter(d -> d.span() != null && d.span().text().contains("\"" + template + "\"")).toList();
        String firstFailing = targets.get(i).stream().filter(flaw::failsFor).findFirst().orElse(null);
        if (firstFailing == null) {
          assertEquals(List.of(), at, template + " renders for every node it is on");
          continue;
        }
        expected++;
        assertEquals(1, at.size(), () -> template + " (" + flaw + ") reported once, not " + at);
        Diagnostic d = at.get(0);
        assertTrue(d.isError(), d.toString());
        assertEquals(labFile.toString(), d.span().file().path());
        assertTrue(d.span().text().startsWith("template"), d.span().text());
        assertTrue(d.message().contains(template), d.message());
        assertTrue(d.message().endsWith("(rendering for node " + firstFailing + ")"), d.message());
        if (flaw.unreadable()) assertTrue(d.message().startsWith("cannot read template " + template), d.message());
        assertFalse(d.message().contains("java.") || d.message().contains("Exception"), d.message());
        assertNotNull(d.hint());
      }
      boolean loopFails = false;
      for (int n = 1; n <= nodes; n++) loopFails |= loopPasses > 0 && loopFlaw.failsFor("n" + n);
      if (loopFails) {
        var at = reported.stream().filter(d -> d.span() != null && d.span().text().contains("\"loop.peb\"")).toList();
        assertEquals(loopPasses <= 3 ? loopPasses : 1, at.size(), at::toString);
        if (loopPasses > 3) assertTrue(at.get(0).message().endsWith("(and " + (loopPasses - 1) + " more like it here)"), at.get(0).message());
        expected += at.size();
      }
      assertEquals(expected, reported.size(), all);

      if (checked.ok()) {
        // Nothing failed: every file is in the graph with the rendering for its own node.
        assertNotNull(checked.graph());
        for (int i = 0; i < files.size(); i++) {
          for (String n : targets.get(i)) {
            Resource r = checked.graph().resources().get(Scope.node(n).resource("file", "/etc/labc-f" + i));
            assertNotNull(r, "file f" + i + " on " + n);
            String content = ((Value.Str) r.attributes().get("content")).value();
            assertEquals(files.get(i).flaw() == Flaw.NONE ? n + " text\n" : n + "\n", content);
          }
        }
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  private static void write(Path dir, String name, Flaw flaw) throws IOException {
    switch (flaw) {
      case MISSING_FILE -> { }
      case A_DIRECTORY -> Files.createDirectories(dir.resolve(name));
      default -> Files.writeString(dir.resolve(name), flaw.text, StandardCharsets.UTF_8);
    }
  }
}
