package dev.labc.state.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.labc.state.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-driven codec tests (Terraform statefile/testdata): {@code roundtrip/CASE/in} decodes and
 * re-encodes to exactly {@code roundtrip/CASE/out}; {@code invalid/CASE/files} fails with exactly
 * {@code invalid/CASE/error.txt}.
 */
class StateCodecTestdataTest {
  @TestFactory
  Stream<DynamicTest> roundTrips() throws IOException {
    return TestdataDir.cases("roundtrip").map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      State state = StateCodec.decode(TestdataDir.read(dir.resolve("in")));
      SortedMap<String, byte[]> encoded = StateCodec.encode(state);
      checkGolden(dir.resolve("out"), encoded);
      // The canonical form is a fixed point: decoding it gives the same state and the same bytes.
      State again = StateCodec.decode(encoded);
      assertEquals(state.resources(), again.resources());
      assertEquals(text(encoded), text(StateCodec.encode(again)));
    }));
  }

  @TestFactory
  Stream<DynamicTest> invalidFilesAreRefusedWithFileAndHint() throws IOException {
    return TestdataDir.cases("invalid").map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      StateFileException e = assertThrows(StateFileException.class,
          () -> StateCodec.decode(TestdataDir.read(dir.resolve("files"))));
      String actual = e.getMessage() + "\nhint: " + e.hint() + "\n";
      Path expected = dir.resolve("error.txt");
      if (TestdataDir.UPDATE || !Files.exists(expected)) {
        Files.writeString(expected, actual);
        fail("wrote " + expected + "; review it and run again");
      }
      assertEquals(Files.readString(expected), actual);
    }));
  }

  private static void checkGolden(Path outDir, SortedMap<String, byte[]> actual) throws IOException {
    SortedMap<String, byte[]> expected = TestdataDir.read(outDir);
    if (TestdataDir.UPDATE || expected.isEmpty()) {
      TestdataDir.replace(outDir, actual);
      fail("wrote " + outDir + "; review it and run again");
    }
    assertEquals(text(expected), text(actual));
  }

  private static Map<String, String> text(Map<String, byte[]> files) {
    Map<String, String> out = new TreeMap<>();
    files.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
    return out;
  }
}
