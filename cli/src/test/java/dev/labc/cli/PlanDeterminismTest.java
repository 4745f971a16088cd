package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.format.Formatter;
import dev.labc.source.SourceFile;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * A plan depends on what a program means, never on the order it was written in or on the JVM that
 * planned it. Each try plans the examples and generated programs, as written and with their
 * top-level declarations (and imports, among themselves) shuffled, in two JVMs of their own: the
 * second with every identity hash code the same, so anything ordered by identity (a HashMap of
 * objects without equals, a HashSet iterated) plans differently there. The same input must give
 * byte-identical JSON in both JVMs; the shuffled input the same JSON but for the digests of its
 * own text (inputs' {@code module} entries and {@code inputs_digest}), which record that text by design.
 */
class PlanDeterminismTest {
  static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();

  Path dir;

  @BeforeTry
  void makeDir() throws IOException { dir = Files.createTempDirectory("labc-determinism"); }

  @AfterTry
  void removeDir() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  // Two JVMs per try, each planning every case: one try is the CI's budget; more run with -Djqwik.tries.default.
  @Property(tries = 1, shrinking = ShrinkingMode.OFF)
  void planJsonIsTheSameForAnyDeclarationOrderInAnyJvm(@ForAll @Size(4) List<Long> programSeeds, @ForAll long shuffleSeed)
      throws Exception {
    var cases = new ArrayList<String>();
    try (Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
      for (Path ex : examples.filter(p -> Files.exists(p.resolve("cluster.lab"))).sorted().toList()) {
        String name = "example-" + ex.getFileName();
        copyTree(ex, dir.resolve("a").resolve(name));
        copyTree(ex, dir.resolve("b").resolve(name));
        cases.add(name);
      }
    }
    for (int i = 0; i < programSeeds.size(); i++) {
      String name = "generated-" + i;
      String text = ClusterProgramGenerator.generate(programSeeds.get(i), false).text();
      for (String side : List.of("a", "b")) {
        Files.createDirectories(dir.resolve(side).resolve(name));
        Files.writeString(dir.resolve(side).resolve(name).resolve("cluster.lab"), text);
      }
      cases.add(name);
    }
    var shuffle = new Random(shuffleSeed);
    var labFiles = new ArrayList<Path>();
    for (String c : cases) {
      try (Stream<Path> files = Files.walk(dir.resolve("b").resolve(c))) {
        for (Path lab : files.filter(p -> p.toString().endsWith(".lab")).sorted().toList()) {
          Files.writeString(lab, shuffled(new SourceFile(lab.toString(), Files.readString(lab)), shuffle.nextLong()));
        }
      }
      labFiles.add(dir.resolve("a").resolve(c).resolve("cluster.lab"));
      labFiles.add(dir.resolve("b").resolve(c).resolve("cluster.lab"));
    }

    planInOwnJvm("first", labFiles, List.of());
    planInOwnJvm("second", labFiles, List.of("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2"));

    for (String c : cases) {
      Path a = dir.resolve("a").resolve(c).resolve("cluster.lab");
      Path b = dir.resolve("b").resolve(c).resolve("cluster.lab");
      String a1 = read(a, "first"), a2 = read(a, "second"), b1 = read(b, "first"), b2 = read(b, "second");
      assertTrue(a1.contains("\"changes\""), () -> c + " planned nothing:\n" + a1);
      assertEquals(a1, a2, () -> c + ": the same input planned differently in another JVM (seeds " + programSeeds + ")");
      assertEquals(b1, b2, () -> c + ": the shuffled input planned differently in another JVM (shuffle " + shuffleSeed + ")");
      // The shuffle reached the planner: a reordered text is a different module digest.
      if (!Files.readString(a).equals(Files.readString(b))) assertNotEquals(a1, b1, c + ": the shuffled text was not what was planned");
      assertEquals(withoutTextDigests(a1), withoutTextDigests(b1),
          () -> c + ": declaration order changed the plan (shuffle " + shuffleSeed + ", seeds " + programSeeds + ")");
    }
  }

  /** Top-level statements in a random order; imports stay first (as the language requires), shuffled among themselves. */
  static String shuffled(SourceFile file, long seed) {
    var random = new Random(seed);
    SyntaxTree tree = SyntaxParser.parse(file);
    var imports = new ArrayList<Stmt>();
    var rest = new ArrayList<Stmt>();
    for (Stmt s : tree.statements()) (s instanceof Stmt.Import ? imports : rest).add(s);
    Collections.shuffle(imports, random);
    Collections.shuffle(rest, random);
    imports.addAll(rest);
    return Formatter.format(new SyntaxTree(file, imports, List.of(), List.of())).text();
  }

  /** The plan with the digests of the .lab texts blanked: they differ because the text does, and nothing else may. */
  static String withoutTextDigests(String json) {
    return json.replaceAll("(\"module [^\"]+\\.lab\" : )\"[^\"]*\"", "$1\"…\"")
        .replaceAll("(\"inputs_digest\" : )\"[^\"]*\"", "$1\"…\"");
  }

  private void planInOwnJvm(String tag, List<Path> files, List<String> jvmFlags) throws Exception {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
        PlanEachMain.class.getName(), tag));
    files.forEach(f -> command.add(f.toString()));
    Path work = Files.createDirectories(dir.resolve("work"));
    var pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(tag + ".log").toFile());
    pb.environment().putAll(CliRun.EXAMPLE_SECRETS);
    pb.environment().put("LABC_SECRET_KEY_FILE", dir.resolve("secret-key").toString());
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(tag + " JVM did not finish planning in 5 minutes");
    }
    assertEquals(0, p.exitValue(), () -> tag + " JVM failed:\n" + readLog(tag));
  }

  private String readLog(String tag) {
    try {
      return Files.readString(dir.resolve(tag + ".log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String read(Path lab, String tag) throws IOException {
    return Files.readString(Path.of(lab + "." + tag + ".json"), StandardCharsets.UTF_8);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
