package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Looks for a canary secret in everything labc writes or prints: the texts given, every file of the
 * state directory, and every git object in it (compressed on disk, so read back through git).
 */
final class CanaryScan {
  private final String canary;
  private final String base64;
  private final List<String> places = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  CanaryScan(String canary) {
    this.canary = canary;
    this.base64 = Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8));
  }

  CanaryScan add(String place, String text) {
    places.add(place);
    texts.add(text);
    return this;
  }

  CanaryScan add(String place, CliRun run) {
    return add(place, run.out() + run.err());
  }

  /** Every regular file under the state directory and every object of its git repository. */
  CanaryScan stateDirectory(Path labstate) throws Exception {
    try (var files = Files.walk(labstate)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) add(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
    }
    Process cat = new ProcessBuilder("git", "-C", labstate.toString(), "cat-file", "--batch-all-objects", "--batch").redirectErrorStream(true).start();
    String objects = new String(cat.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertEquals(0, cat.waitFor(), objects);
    assertFalse(objects.isBlank(), "the state repository has objects to read");
    return add("git objects of " + labstate, objects);
  }

  /** Number of places scanned; fails naming the first one that holds the canary or its base64. */
  int assertAbsent() {
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      int at = Math.max(t.indexOf(canary), t.indexOf(base64));
      assertFalse(t.contains(canary) || t.contains(base64),
          "the canary leaked into " + places.get(i) + ": ..." + t.substring(Math.max(0, at - 150), Math.min(t.length(), at + 150)) + "...");
    }
    return texts.size();
  }
}
