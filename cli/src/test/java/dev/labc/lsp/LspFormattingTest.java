package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.labc.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Formatting returns the edit that turns the document into what `labc fmt` writes. */
class LspFormattingTest extends LspServerTest {

  @Test
  void editsYieldLabcFmtsOutput() throws Exception {
    String messy = """
        // the closet
        circuit   closet{rating=3600W}
        node head {
        address = 10.0.1.10 // the head node
              roles=[controller,
          worker]
        ssh_port   = 22


        }
        """;
    Path file = dir.resolve("cluster.lab");
    Files.writeString(file, messy, StandardCharsets.UTF_8);
    lsp.open(file, messy);
    var edits = lsp.formatting(file);
    String formatted = Texts.apply(messy, edits);

    Path copy = dir.resolve("copy.lab");
    Files.writeString(copy, messy, StandardCharsets.UTF_8);
    assertEquals(0, quietly(() -> Main.run("fmt", copy.toString())));
    String fmt = Files.readString(copy, StandardCharsets.UTF_8);
    assertNotEquals(messy, fmt);
    assertEquals(fmt, formatted);

    // Formatted already: nothing to change.
    lsp.change(file, 2, formatted);
    assertEquals(List.of(), lsp.formatting(file));
  }

  @Test
  void aFileWithSyntaxErrorsIsLeftAlone() throws Exception {
    String broken = "node head {\n  address: 10.0.1.10\n}\n";
    Path file = dir.resolve("broken.lab");
    lsp.open(file, broken);
    assertEquals(List.of(), lsp.formatting(file));
  }

  private static synchronized int quietly(java.util.function.IntSupplier run) {
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return run.getAsInt();
    } finally {
      System.setOut(old);
    }
  }
}
