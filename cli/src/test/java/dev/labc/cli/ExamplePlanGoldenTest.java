package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.plan.PlanCodec;
import dev.labc.plan.PlanRenderer;
import dev.labc.planner.AppliedChange;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.testkit.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden plans for every example under examples/: the first plan from empty state (text, JSON, and
 * Markdown, which must fit a pull-request comment) and the no-op plan once that plan is recorded;
 * for the closet cluster, the plan after edits (a node added, a generated file changed, a service
 * removed); for the university cluster, one user added to its 100 nodes. Goldens live in
 * src/test/resources/plans/ and are rewritten with -Dlabc.updateGoldens=true.
 */
class ExamplePlanGoldenTest {
  static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();
  static final Path GOLDEN = ROOT.resolve("cli/src/test/resources/plans");

  @TempDir Path dir;

  /** Copies an example into a temporary directory named like it, so plans name `<example>/cluster.lab`. */
  Path copy(String example) throws IOException {
    Path lab = dir.resolve(example).resolve("cluster.lab");
    Files.createDirectories(lab.getParent());
    Files.copy(ROOT.resolve("examples").resolve(example).resolve("cluster.lab"), lab);
    return lab;
  }

  /** Plans with the working directory's view replaced by the example's own, for stable goldens. */
  static String plan(Path lab, String format) {
    CliRun r = CliRun.runExample("plan", "--refresh=false", "--format", format, lab.toString());
    assertEquals(0, r.exitCode(), r.err());
    return r.out().replace(Planning.displayPath(lab), lab.getParent().getFileName() + "/cluster.lab")
        .replaceAll("sha256:[0-9a-f]{64}", "sha256:(inputs)")
        .replaceAll("hmac-sha256:[0-9a-f]+:[0-9a-f]{64}", "hmac-sha256:(digest)")
        .replaceAll("\"lineage\" : \"[0-9a-f-]{36}\"", "\"lineage\" : \"(lineage)\"")
        .replaceAll("(state: serial \\d+).*", "$1");
  }

  static void record(Path lab) throws Exception {
    Path saved = lab.resolveSibling("recorded.plan");
    assertEquals(0, CliRun.runExample("plan", "--refresh=false", "-out", saved.toString(), lab.toString()).exitCode());
    var plan = PlanCodec.decode(Files.readString(saved), saved.toString());
    var store = GitStateStore.besideLabFile(lab);
    store.write(AppliedChange.recordAll(store.read().state(), plan.changes()).nextSerial(), "apply: recorded by the test");
  }

  @TestFactory
  Stream<DynamicTest> everyExample() throws IOException {
    try (var examples = Files.list(ROOT.resolve("examples"))) {
      return examples.filter(p -> Files.exists(p.resolve("cluster.lab"))).map(p -> p.getFileName().toString()).sorted().toList().stream()
          .map(name -> DynamicTest.dynamicTest(name, () -> {
            Path lab = copy(name);
            String text = plan(lab, "text"), json = plan(lab, "json"), markdown = plan(lab, "markdown");
            // Every golden is checked (and, in update mode, rewritten) before any failure is reported.
            org.junit.jupiter.api.Assertions.assertAll(
                () -> GoldenFile.check(GOLDEN.resolve(name).resolve("first.txt"), text),
                () -> GoldenFile.check(GOLDEN.resolve(name).resolve("first.json"), json),
                () -> GoldenFile.check(GOLDEN.resolve(name).resolve("first.md"), markdown),
                () -> assertTrue(markdown.length() <= PlanRenderer.COMMENT_LIMIT,
                    name + ": the first plan as Markdown is " + markdown.length() + " characters, more than a pull-request comment holds"));
            record(lab);
            GoldenFile.check(GOLDEN.resolve(name).resolve("noop.txt"), plan(lab, "text"));
          }));
    }
  }

  /** One user added to the 100 nodes of the university cluster: one change shown once, not 100 times. */
  @Test
  void universityClusterOneUserAdded() throws Exception {
    Path lab = copy("university-cluster");
    record(lab);
    Files.writeString(lab, Files.readString(lab).replace("group lab {", """
        user alice {
          uid    = 1002
          groups = [lab]
        }

        group lab {"""));
    String text = plan(lab, "text");
    GoldenFile.check(GOLDEN.resolve("university-cluster").resolve("add-user.txt"), text);
    assertTrue(text.contains("── 100 nodes: ctl-1..3, infer-1..32, storage-1, train-1..64 ──\n  +   node.{node}.user[\"alice\"] (user)\n"), text);
    assertTrue(text.lines().count() <= 24, () -> "a screenful, not " + text.lines().count() + " lines:\n" + text);
    // The user on every node, and its home made in the NFS export on the server (seed 003's shared /home).
    assertTrue(text.contains("── node storage-1 ──\n  +   node.storage-1.directory[\"/srv/home/alice\"] (directory)\n"), text);
    assertTrue(text.endsWith("Plan: 101 to add, 0 to change, 0 to destroy.\n"), text);
  }

  @Test
  void closetClusterAfterEdits() throws Exception {
    Path lab = copy("closet-cluster");
    record(lab);
    String text = Files.readString(lab)
        .replace("param gpu_nodes: int(1..5) = 3", "param gpu_nodes: int(1..5) = 4")   // a node added
        .replace("controller = head\n", "controller   = head\n  cluster_name = \"closet\"\n") // slurm.conf changes
        .replaceAll("(?s)\nskypilot \\{.*?\n\\}\n", "\n");                                 // a service removed
    Files.writeString(lab, text);
    GoldenFile.check(GOLDEN.resolve("closet-cluster").resolve("after-edits.txt"), plan(lab, "text"));
  }
}
