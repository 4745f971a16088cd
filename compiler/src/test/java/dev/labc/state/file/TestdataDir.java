package dev.labc.state.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads and writes a directory of state files as a path → bytes map, like a git tree. */
final class TestdataDir {
  /** Set {@code -Dlabc.updateGoldens=true} to rewrite expected files; the test still fails so the diff gets reviewed. */
  static final boolean UPDATE = Boolean.getBoolean("labc.updateGoldens")
      || "1".equals(System.getenv("LABC_UPDATE_GOLDENS"));

  static final Path ROOT = Path.of("src/test/resources/state");

  private TestdataDir() {}

  static SortedMap<String, byte[]> read(Path dir) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static void replace(Path dir, Map<String, byte[]> files) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (var e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  static Stream<Path> cases(String area) throws IOException {
    try (Stream<Path> list = Files.list(ROOT.resolve(area))) {
      return list.filter(Files::isDirectory).sorted().toList().stream();
    }
  }
}
