package dev.labc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The golden machinery itself: a golden can never pass by being written. */
class GoldensTest {
  @TempDir Path dir;

  @Test
  void aMissingGoldenIsWrittenAndTheTestFails() throws Exception {
    Path golden = dir.resolve("case.err");
    var e = assertThrows(AssertionFailedError.class, () -> Goldens.check(golden, "output\n"));
    assertTrue(e.getMessage().contains("wrote missing golden case.err"), e.getMessage());
    assertEquals("output\n", Files.readString(golden));
  }

  @Test
  void aMatchingGoldenPassesAndADifferentOneFailsWithoutBeingTouched() throws Exception {
    Path golden = dir.resolve("case.err");
    Files.writeString(golden, "expected\n");
    Goldens.check(golden, "expected\n");
    assertThrows(AssertionFailedError.class, () -> Goldens.check(golden, "actual\n"));
    assertEquals("expected\n", Files.readString(golden));
  }

  @Test
  void updateModeRewritesAndStillFails() throws Exception {
    Path golden = dir.resolve("case.err");
    Files.writeString(golden, "old\n");
    String before = System.getProperty("labc.updateGoldens");
    System.setProperty("labc.updateGoldens", "true");
    try {
      var e = assertThrows(AssertionFailedError.class, () -> Goldens.check(golden, "new\n"));
      assertTrue(e.getMessage().contains("rewrote case.err; review the diff"), e.getMessage());
      assertEquals("new\n", Files.readString(golden));
      assertThrows(AssertionFailedError.class, () -> Goldens.check(golden, "new\n"), "even an unchanged golden fails in update mode");
    } finally {
      if (before == null) System.clearProperty("labc.updateGoldens"); else System.setProperty("labc.updateGoldens", before);
    }
  }
}
