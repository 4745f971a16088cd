package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.check.ClusterCheck;
import dev.labc.check.ClusterChecks;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.eval.Evaluator;
import dev.labc.source.SourceFile;
import dev.labc.testkit.GoldenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every cluster check has a directory under src/test/resources/checks/ named by its slug: a
 * {@code fail.lab} that triggers it, with {@code fail.err} the exact diagnostics a person sees,
 * and a {@code pass.lab} close to it that checks clean. Adding a check without both fails here.
 */
class CheckDiagnosticGoldenTest {
  static final Path DIR = ExampleGraphTest.ROOT.resolve("cli/src/test/resources/checks");

  static List<Diagnostic> check(Path lab) throws Exception {
    var file = new SourceFile(lab.getParent().getFileName() + "/" + lab.getFileName(), Files.readString(lab));
    // Each case is about one check: its secrets' variables are set, as in an operator's shell, so
    // an unset one (E0311, a warning of its own) does not join the golden.
    return Pipeline.check(file, new Evaluator.Options(Map.of(), List.of(), name -> "set-in-the-environment")).diagnostics();
  }

  static Stream<Code> checkCodes() {
    var codes = new TreeSet<Code>();
    for (ClusterCheck c : ClusterChecks.ALL) codes.add(c.code());
    codes.add(Code.BAD_WAIVER);
    // The graph's own errors, found by `labc check` when it builds the steps (issue 19).
    codes.add(Code.GRAPH_AFTER);
    codes.add(Code.GRAPH_CONFLICT);
    codes.add(Code.GRAPH_CYCLE);
    return codes.stream();
  }

  static String dirName(Code code) {
    return code.slug().substring(code.slug().indexOf('/') + 1);
  }

  @TestFactory
  Stream<DynamicTest> everyCheckFailsOnItsCaseAndPassesOnItsNeighbour() {
    return checkCodes().map(code -> DynamicTest.dynamicTest(code.id() + " " + code.slug(), () -> {
      Path dir = DIR.resolve(dirName(code));
      assertTrue(Files.isRegularFile(dir.resolve("fail.lab")) && Files.isRegularFile(dir.resolve("pass.lab")),
          "check " + code.slug() + " needs " + dir + "/fail.lab and pass.lab");
      List<Diagnostic> failing = check(dir.resolve("fail.lab"));
      assertTrue(failing.stream().anyMatch(d -> d.code() == code), code.id() + " not reported for fail.lab: " + failing);
      GoldenFile.check(dir.resolve("fail.err"), new HumanDiagnosticRenderer(false).render(failing));
      List<Diagnostic> passing = check(dir.resolve("pass.lab"));
      assertEquals(List.of(), passing, "pass.lab of " + code.slug() + " is meant to check clean");
    }));
  }

  /** An example output in docs/diagnostics.md is a golden's first diagnostic, as it is printed today. */
  @Test
  void theExampleOutputsInDiagnosticsMdAreTheGoldens() throws Exception {
    String docs = Files.readString(ExampleGraphTest.ROOT.resolve("docs/diagnostics.md"));
    int shown = 0;
    for (Code code : checkCodes().toList()) {
      if (!docs.contains("error[" + code.id() + "]: ")) continue;
      String golden = Files.readString(DIR.resolve(dirName(code)).resolve("fail.err"));
      String first = golden.substring(golden.indexOf("error[" + code.id() + "]"));
      first = first.substring(0, first.indexOf("\n\n") + 1);
      assertTrue(docs.contains(first), code.id() + "'s example in docs/diagnostics.md is not its golden's:\n" + first);
      shown++;
    }
    assertTrue(shown >= 5, "the new checks show an example");
  }

  @Test
  void noCaseDirectoryWithoutItsCheck() throws Exception {
    var known = checkCodes().map(CheckDiagnosticGoldenTest::dirName).toList();
    try (var dirs = Files.list(DIR)) {
      var orphans = dirs.map(p -> p.getFileName().toString()).filter(n -> !known.contains(n)).toList();
      assertEquals(List.of(), orphans);
    }
  }
}
