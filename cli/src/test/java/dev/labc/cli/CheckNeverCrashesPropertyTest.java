package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * `labc check` on damaged input answers 0 or 1, never 70 (internal error): a small sample, as
 * the compiler's robustness properties cover the front end in depth.
 */
class CheckNeverCrashesPropertyTest {
  private static final String[] TOKENS = {"{", "}", "[", "]", "(", ")", "\"", "${", "=", ":", ",", "/*", "<<EOF\n",
      "\\", "$", "for", "in", "if", "else", "import", "param", "@", "\n", "\u0000", "10.0.1.999"};

  private static int check(byte[] bytes) throws IOException {
    Path f = Files.createTempFile("labc-prop", ".lab");
    try {
      Files.write(f, bytes);
      CliRun r = CliRun.run("check", f.toString());
      assertFalse(r.err().contains("internal error"), r.err());
      if (r.exitCode() == 1) assertTrue(r.err().contains(f + ":") || r.err().contains("error["), r.err());
      return r.exitCode();
    } finally {
      Files.deleteIfExists(f);
    }
  }

  // Tries: jqwik.tries.default (50 here; -Djqwik.tries.default=100000 for a nightly-size run).
  @Property
  void checkOfArbitraryBytesExitsZeroOrOne(@ForAll @Size(max = 400) byte[] bytes) throws IOException {
    int code = check(bytes);
    assertTrue(code == 0 || code == 1, "exit code " + code);
  }

  @Property
  void checkOfAMutatedExampleExitsZeroOrOne(@ForAll long seed) throws IOException {
    Path example = Path.of(System.getProperty("labc.repoRoot", "..")).resolve("examples/closet-cluster/cluster.lab");
    var text = new StringBuilder(Files.readString(example));
    var r = new Random(seed);
    for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
      int at = r.nextInt(text.length() + 1);
      if (r.nextBoolean()) text.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
      else text.delete(at, Math.min(text.length(), at + r.nextInt(30)));
    }
    int code = check(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(code == 0 || code == 1, "exit code " + code);
  }
}
