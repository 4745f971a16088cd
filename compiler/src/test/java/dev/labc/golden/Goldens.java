package dev.labc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Shared machinery of golden-file tests: where the cases live, and the update switch. Updating
 * rewrites the expected file and still fails, so a rewrite is never mistaken for a pass: the
 * diff must be reviewed and committed by a person.
 */
public final class Goldens {
  private Goldens() {}

  /** {@code -Dlabc.updateGoldens=true} or {@code LABC_UPDATE_GOLDENS=1}. */
  public static boolean updating() {
    return dev.labc.testkit.GoldenFile.updating();
  }

  /** The checkout's root: surefire passes it; from an IDE, walk up to the root pom. */
  public static Path repoRoot() {
    String prop = System.getProperty("labc.repoRoot");
    if (prop != null && !prop.isBlank()) return Path.of(prop);
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("compiler").resolve("pom.xml"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("cannot find the repository root; set -Dlabc.repoRoot");
    return p;
  }

  /** A folder of golden cases in the compiler's test resources. */
  public static Path dir(String name) {
    return repoRoot().resolve("compiler/src/test/resources/golden").resolve(name);
  }

  /** The inputs of a golden folder, sorted so the order of dynamic tests is stable. */
  public static Stream<Path> inputs(Path dir, String extension) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(extension)).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compares {@code actual} with the golden file, or (when updating, or when it is missing) writes it and fails. */
  public static void check(Path expectedFile, String actual) {
    dev.labc.testkit.GoldenFile.check(expectedFile, actual);
  }

  public static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? n : n.substring(0, dot);
  }
}
