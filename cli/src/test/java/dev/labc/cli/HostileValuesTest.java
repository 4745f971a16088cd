package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.source.SourceFile;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27: values far past any machine, numbers past a long, loops with a mistake inside, as a
 * lab would write them. Each is a located diagnostic quoting what was written, never exit 70; a
 * mistake met on every pass of a loop is one diagnostic with a count.
 */
class HostileValuesTest {
  private static Checked check(String text) {
    return Pipeline.check(new SourceFile("t.lab", text), new Evaluator.Options(Map.of(), List.of(), name -> null));
  }

  private static Diagnostic only(Checked c, Code code) {
    var ds = c.diagnostics().stream().filter(d -> d.code() == code).toList();
    assertEquals(1, ds.size(), () -> "one " + code.id() + " expected: " + c.diagnostics());
    return ds.get(0);
  }

  /** The source text a diagnostic points at. */
  private static String at(Diagnostic d) { return d.span().text(); }

  static String gpuNode(String gpuBody) {
    return "node gpu-1 {\n  address = 10.0.1.11\n  gpu {\n    model = A100_80GB\n    count = 4\n" + gpuBody + "  }\n}\n";
  }

  // ---- 1. no internal error ----------------------------------------------------------------------

  @Test
  void aDriverVersionPastALongIsALocatedErrorNotABug(@TempDir Path dir) throws IOException {
    // The issue's input: `labc check` ended with exit 70 (NumberFormatException in the driver/CUDA check).
    Path bad = dir.resolve("a.lab");
    Path other = dir.resolve("b.lab");
    Files.writeString(bad, gpuNode("    driver_version = \"99999999999999999999\"\n    cuda_version = \"12.4\"\n"));
    Files.writeString(other, "node head {\n  address = 10.0.1.10\n  roles = [workr]\n}\n");
    CliRun r = CliRun.run("check", bad.toString(), other.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertFalse(r.err().contains("internal error"), r.err());
    assertTrue(r.err().contains("`driver_version` is \"99999999999999999999\": its part `99999999999999999999` is over 2147483647"), r.err());
    assertTrue(r.err().contains(bad + ":3:3"), r.err());
    // The second file is checked and reported too.
    assertTrue(r.err().contains("unknown name `workr`") && r.err().contains(other + ":3:12"), r.err());
  }

  @Test
  void aDriverPastALongStillMeetsTheCudaCheckWhenItsPartsAreInRange() {
    // 2147483647 is the largest part allowed; the check compares it as a number, not as text.
    var c = check(gpuNode("    driver_version = \"2147483647.0\"\n    cuda_version = \"12.4\"\n"));
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    var old = check(gpuNode("    driver_version = \"0000000000000000000000000535.1\"\n    cuda_version = \"12.4\"\n"));
    assertTrue(old.diagnostics().stream().anyMatch(d -> d.code() == Code.DRIVER_CUDA), () -> old.diagnostics().toString());
  }

  @Test
  void aBugWhileCheckingOneFileIsThatFilesResult() {
    // An environment lookup that fails stands for any bug in labc met while checking a file.
    var throwing = new Evaluator.Options(Map.of(), List.of(), name -> { throw new IllegalStateException("lookup of " + name + " broke"); });
    var file = new SourceFile("s.lab", "param key: secret string = env(\"KEY\")\n");
    Checked c = Pipeline.checkOrReportBug(file, throwing);
    assertTrue(c.hitBug());
    Diagnostic d = only(c, Code.INTERNAL_ERROR);
    assertEquals(file, d.span().file());
    assertTrue(d.message().contains("IllegalStateException: lookup of KEY broke") && d.message().contains("not in your input"), d.message());
  }

  // ---- 3. sane ranges -----------------------------------------------------------------------------

  @Test
  void theIssuesQuantitiesAreLocatedErrorsQuotingWhatWasWritten() {
    var c = check(gpuNode("    power_limit = 99999999999999999999W\n") + """
        storage scratch {
          size = 99999999999999999999GiB
        }
        """);
    var ds = c.diagnostics().stream().filter(d -> d.code() == Code.OUT_OF_RANGE).toList();
    assertEquals(2, ds.size(), () -> c.diagnostics().toString());
    assertEquals("99999999999999999999W", at(ds.get(0)));
    assertTrue(ds.get(0).message().startsWith("`99999999999999999999W` is beyond a megawatt"), ds.get(0).message());
    assertEquals("99999999999999999999GiB", at(ds.get(1)));
    assertTrue(ds.get(1).message().startsWith("`99999999999999999999GiB` is beyond an exabyte"), ds.get(1).message());
  }

  @Test
  void arithmeticPastTheBoundIsRefusedAtTheExpression() {
    Diagnostic d = only(check("let scratch = 600PB * 2\n"), Code.OUT_OF_RANGE);
    assertEquals("600PB * 2", at(d));
    assertTrue(d.message().startsWith("`600PB * 2` is beyond an exabyte"), d.message());
    assertTrue(check("let scratch = 500PB * 2\nlet budget = 999kW + 1kW\n").ok());
  }

  @Provide
  Arbitrary<String> sizeUnits() { return Arbitraries.of("B", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "PiB"); }

  @Property(tries = 40)
  void aSizeIsAcceptedExactlyUpToAnExabyte(@ForAll("sizeUnits") String unit, @ForAll @IntRange(min = 0, max = 30) int digits,
                                          @ForAll @IntRange(min = 1, max = 9) int lead) {
    String number = lead + "0".repeat(digits);
    BigInteger bytes = new BigInteger(number).multiply(new java.math.BigDecimal(dev.labc.syntax.Units.factor(unit).toString()).toBigInteger());
    var c = check("let s = " + number + unit + "\n");
    boolean beyond = bytes.compareTo(BigInteger.TEN.pow(18)) > 0;
    assertEquals(beyond, c.diagnostics().stream().anyMatch(d -> d.code() == Code.OUT_OF_RANGE && at(d).equals(number + unit)
        && d.message().startsWith("`" + number + unit + "` is beyond an exabyte")), () -> number + unit + ": " + c.diagnostics());
    assertEquals(!beyond, c.ok(), () -> c.diagnostics().toString());
  }

  @Property(tries = 30)
  void aVersionPartIsAcceptedExactlyUpTo2To31Minus1(@ForAll @IntRange(min = 1, max = 25) int digits, @ForAll @IntRange(min = 0, max = 2) int position) {
    String part = "9".repeat(digits);
    String[] parts = {"535", "104", "05"};
    parts[position] = part;
    String version = String.join(".", parts);
    var c = check(gpuNode("    driver_version = \"" + version + "\"\n"));
    boolean over = new BigInteger(part).compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0;
    assertEquals(over, c.diagnostics().stream().anyMatch(d -> d.code() == Code.OUT_OF_RANGE && d.message().contains("\"" + version + "\"")),
        () -> version + ": " + c.diagnostics());
    assertEquals(!over, c.ok(), () -> c.diagnostics().toString());
  }

  @Test
  void anIpv4PartOfAnyLengthIsQuotedWhole() {
    Diagnostic d = only(check("node a {\n  address = 10.0.1.99999999999999\n}\n"), Code.INVALID_ADDRESS);
    assertEquals("10.0.1.99999999999999", at(d));
    assertEquals("`10.0.1.99999999999999` is not an IPv4 address: `99999999999999` is over 255", d.message());
    assertEquals(1, check("node a {\n  address = 10.0.1.99999999999999\n}\n").diagnostics().size(), "no stray token after the address");
    Diagnostic cidr = only(check("network n {\n  cidr = 10.0.1234.0/24\n}\n"), Code.INVALID_ADDRESS);
    assertTrue(cidr.message().contains("`1234` is over 255"), cidr.message());
  }

  // ---- 2. bounded work ----------------------------------------------------------------------------

  /**
   * Seed 131 input 13883 and seed 132 input 8172: a loop of nodes each with a finding that names its
   * node (MIG not applied, driver too old for CUDA) made one diagnostic per node, 20,000 of them.
   */
  @Test
  void aCheckFindingInEveryPassOfALoopIsOneDiagnosticWithTheCount() {
    var c = check("""
        for i in 1..2000 {
          node "gpu-${i}" {
            address = cidrhost(10.0.0.0/16, i)
            gpu {
              model          = H100
              count          = 8
              driver_version = "535.54.03"
              cuda_version   = "12.4"
              mig            = ["3g.40gb", "3g.40gb"]
            }
          }
        }
        node single {
          address = 10.1.0.1
          gpu {
            model          = H100
            count          = 8
            driver_version = "535.54.03"
            cuda_version   = "12.4"
          }
        }
        """);
    var driver = c.diagnostics().stream().filter(d -> d.code() == Code.DRIVER_CUDA).toList();
    assertEquals(2, driver.size(), driver::toString);
    assertTrue(driver.stream().anyMatch(d -> d.message().equals("CUDA 12.4 needs driver 550.54.14 or newer; node `gpu-1` declares 535.54.03 (and 1,999 more like it here)")), driver::toString);
    assertTrue(driver.stream().anyMatch(d -> d.message().equals("CUDA 12.4 needs driver 550.54.14 or newer; node `single` declares 535.54.03")), driver::toString);
  }

  /**
   * The fuzz campaign's seed 131 input 11002: 20,000 H100 nodes of one loop on one address and one
   * 15 A circuit. It made 19,999 "share address" errors and one power error with 20,000 related
   * places and every node in its message (over 60 s on the loaded machine). One mistake, one error.
   */
  @Test
  void aLoopOfNodesOnOneAddressAndCircuitIsOneErrorEachWithTheCount() {
    var c = check("""
        circuit closet {
          rating  = 15A
          voltage = 120V
        }
        for i in 1..2000 {
          node "gpu-${i}" {
            address = 10.0.1.11
            circuit = closet
            gpu {
              model = H100_SXM
              count = 8
            }
          }
        }
        """);
    var shared = c.diagnostics().stream().filter(d -> d.code() == Code.DUPLICATE_ADDRESS).toList();
    assertEquals(1, shared.size(), () -> shared.size() + " address errors, the first: " + shared.get(0));
    assertEquals("nodes `gpu-10`, `gpu-100`, `gpu-1000` and 1,996 more share address 10.0.1.11 with `gpu-1`", shared.get(0).message());
    assertEquals(1, shared.get(0).related().size());
    Diagnostic power = only(c, Code.POWER_BUDGET);
    assertTrue(power.related().size() <= 5, () -> power.related().size() + " related places");
    assertTrue(power.message().contains("(gpu-1 10204W, gpu-10 10204W, gpu-100 10204W, gpu-1000 10204W, gpu-1001 10204W and 1,995 more)"), power.message());
    // (Nodes come in name order.) Nodes on one address written out by hand: the message names both, at each one's line.
    var pair = check("node a {\n  address = 10.0.1.1\n}\nnode b {\n  address = 10.0.1.1\n}\nnode c {\n  address = 10.0.1.1\n}\n");
    var pairs = pair.diagnostics().stream().filter(d -> d.code() == Code.DUPLICATE_ADDRESS).map(Diagnostic::message).toList();
    assertEquals(List.of("nodes `a` and `b` share address 10.0.1.1", "nodes `a` and `c` share address 10.0.1.1"), pairs);
  }

  static String loop(int nodes, String role) {
    return "network lan {\n  cidr = 10.0.0.0/8\n}\n"
        + "for i in 1.." + nodes + " {\n  node \"gpu-${i}\" {\n    address = cidrhost(lan.cidr, 10 + i)\n    roles = [" + role + "]\n  }\n}\n";
  }

  @Property(tries = 8)
  void aTypoInALoopIsOneDiagnosticWithTheNumberOfPasses(@ForAll @IntRange(min = 2, max = 400) int nodes) {
    var c = check(loop(nodes, "workr"));
    assertEquals(1, c.diagnostics().size(), () -> c.diagnostics().toString());
    Diagnostic d = c.diagnostics().get(0);
    assertEquals(Code.UNKNOWN_NAME, d.code());
    assertEquals("workr", at(d));
    assertEquals("unknown name `workr` (reached " + String.format(java.util.Locale.ROOT, "%,d", nodes) + " times)", d.message());
    assertEquals("did you mean `worker`?", d.hint());
  }

  @Test
  void aLoopOf20000NodesWithATypoIsOneDiagnostic() {
    var c = check(loop(20_000, "workr"));
    assertEquals(List.of("unknown name `workr` (reached 20,000 times)"), c.diagnostics().stream().map(Diagnostic::message).toList());
  }

  @Test
  void aMistakeMetOnceIsNotCounted() {
    Diagnostic d = only(check("node a {\n  address = 10.0.1.10\n  roles = [workr]\n}\n"), Code.UNKNOWN_NAME);
    assertEquals("unknown name `workr`", d.message());
  }

  @Test
  void rangesPastTheLimitAreRefusedEvenWhereTheirSizeOverflowsALong() {
    Diagnostic d = only(check("let r = [for i in 1..4294967296 : i]\n"), Code.EVALUATION_LIMIT);
    assertEquals("1..4294967296", at(d));
    assertEquals("range `1..4294967296` has 4,294,967,296 items; the limit is 200,000", d.message());
    Diagnostic wide = only(check("let r = [for i in -9223372036854775807..9223372036854775807 : i]\n"), Code.EVALUATION_LIMIT);
    assertTrue(wide.message().contains("has 18,446,744,073,709,551,615 items"), wide.message());
  }

  @Test
  void moreBlocksThanTheLimitEndTheLoopWithOneError() {
    var c = check("for a in 1..200000 {\n  user \"u${a}\" {\n    uid = 1000\n  }\n}\n");
    Diagnostic d = only(c, Code.EVALUATION_LIMIT);
    assertEquals("user", at(d));
    assertEquals("the program declares more than 100,000 blocks", d.message());
  }

  @Test
  void aTemplateRenderingPastItsLimitIsAnErrorOnTheFile(@TempDir Path dir) throws IOException {
    // 100,000 passes of 100 characters: 10 million, past the 8 MiB a template may render for one node.
    Files.writeString(dir.resolve("big.peb"), "{% for i in range(1, 100000) %}" + "x".repeat(100) + "{% endfor %}");
    Files.writeString(dir.resolve("small.peb"), "{% for i in range(1, 1000) %}" + "x".repeat(100) + "{% endfor %}");
    String lab = "node gpu-1 {\n  address = 10.0.1.11\n}\n\nfile big {\n  path = \"/etc/big\"\n  template = \"big.peb\"\n}\n"
        + "\nfile small {\n  path = \"/etc/small\"\n  template = \"small.peb\"\n}\n";
    var c = Pipeline.check(new SourceFile(dir.resolve("t.lab").toString(), lab), new Evaluator.Options(Map.of(), List.of(), name -> null));
    Diagnostic d = only(c, Code.TEMPLATE);
    assertEquals("template = \"big.peb\"", at(d));
    assertEquals("big.peb: renders more than 8,388,608 characters, the limit for one template's output (rendering for node gpu-1)", d.message());
  }

  @Test
  void nestedLoopsThatEvaluateNothingStillStopAtTheStepLimit() {
    // Found by the fuzz campaign (seed 103, input 2887): a misplaced attribute evaluates no
    // expression, so three nested loops of 20,000 ran 8 * 10^12 passes uncounted.
    var c = check("for i in 1..20000 {\n  for j in 1..20000 {\n    for k in 1..20000 {\n      ssh_user = \"root\"\n    }\n  }\n}\n");
    Diagnostic d = only(c, Code.EVALUATION_LIMIT);
    assertEquals("evaluation takes too many steps (over 20000000)", d.message());
    assertEquals("1..20000", at(d));
    Diagnostic misplaced = only(c, Code.MISPLACED_DECLARATION);
    assertTrue(misplaced.message().contains(" times)"), misplaced.message());
  }

  @Test
  void aRangeRebuiltInEveryPassCountsItsItemsAsSteps() {
    // Found by the fuzz campaign (seed 107, input 207): a 150,000-pass `for` beside each of 20,000
    // blocks, its range rebuilt every time. Items count as steps, so the limit comes after 67 outer
    // passes, not 134.
    var c = check("for i in 1..20000 {\nuser \"alice-${i}\" {\n  uid = 1001\n}\n\nfor i in 1..150000 {\n  uid = 1002\n}\n}\n");
    var messages = c.diagnostics().stream().map(Diagnostic::message).toList();
    // Each of the 67 users declared before the limit then fails its defaults once, counted.
    assertTrue(messages.contains("evaluation takes too many steps (over 20000000) (reached 67 times)"), messages::toString);
    assertTrue(messages.stream().anyMatch(m -> m.startsWith("only blocks may appear inside a top-level `for` or `if` (reached ")), messages::toString);
  }

  @Test
  void nodesByRoleInThousandsOfBlocksGivesEachTheSameList() {
    // Found by the fuzz campaign (seed 104, input 3198): 20,000 storages each asking nodes(role: worker)
    // scanned every block each time (73.6 s of CPU); the role's list is now made once.
    var c = check("""
        node head {
          address = 10.0.1.10
          roles = [nfs_server]
        }
        for i in 1..40 {
          node "gpu-${i}" {
            address = cidrhost(10.0.1.0/24, 10 + i)
            roles = i % 2 == 0 ? [worker] : [inference]
          }
        }
        for i in 1..2000 {
          storage "home-${i}" {
            tier = hot
            kind = "nfs"
            server = head
            export = "/srv/home-${i}"
            mount = "/home-${i}"
            clients = nodes(role: worker)
          }
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    var program = c.evaluation().program();
    var workers = java.util.stream.IntStream.rangeClosed(1, 40).filter(i -> i % 2 == 0).mapToObj(i -> "gpu-" + i).sorted().toList();
    assertEquals(20, workers.size());
    for (var s : program.ofKind("storage")) {
      assertEquals(workers, dev.labc.eval.Values.refs(s.get("clients")).stream().map(r -> r.name()).sorted().toList(), s.name());
    }
  }

  @Test
  void joinAndConcatAreBoundedLikeTheOperators() {
    String big = "let xs = [for i in 1..200000 : \"x\"]\n";
    Diagnostic join = only(check(big + "let s = join(\"" + "y".repeat(30) + "\", xs)\n"), Code.EVALUATION_LIMIT);
    assertTrue(join.message().startsWith("string grows past"), join.message());
    Diagnostic concat = only(check(big + "let l = concat(xs, xs)\n"), Code.EVALUATION_LIMIT);
    assertTrue(concat.message().startsWith("list grows past"), concat.message());
  }
}
