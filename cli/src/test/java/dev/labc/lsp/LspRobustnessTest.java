package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests at every position of clean and broken files answer without an internal error. */
class LspRobustnessTest extends LspServerTest {

  @Test
  void everyPositionOfTheFixture() throws Exception {
    var fx = new ClusterFixture(dir);
    fx.open(lsp);
    everyPosition(fx.cluster, ClusterFixture.CLUSTER);
  }

  @Test
  void everyPositionOfBrokenFiles() throws Exception {
    List<String> broken = List.of(
        "node head {\n  address = \n  roles = [worker,\n",
        "node {\n  address: 10.0.1.10\n}\n}\n",
        "let x = \"unterminated\nnode gpu-${ {\n",
        "schema s { a: list( }\nfor i in { node \"n${i\" { } }\n",
        "import \"./missing.lab\"\n@waive(\nnode a { gpu { model = } }\n",
        "\u0000\u0001\u0002 node 😀 { x = 'y' }\n");
    int n = 0;
    for (String text : broken) {
      Path file = dir.resolve("broken" + n++ + ".lab");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      lsp.open(file, text);
      lsp.diagnosticsFor(file);
      everyPosition(file, text);
    }
  }

  private void everyPosition(Path file, String text) throws Exception {
    var lines = text.split("\n", -1);
    for (int line = 0; line < lines.length; line++) {
      for (int ch = 0; ch <= lines[line].length(); ch++) {
        lsp.hover(file, line, ch);
        lsp.definition(file, line, ch);
        lsp.completion(file, line, ch);
      }
    }
    lsp.symbols(file);
    lsp.formatting(file);
    // A position past the end is clamped, not an error.
    lsp.hover(file, lines.length + 5, 0);
    lsp.completion(file, 0, 1000);
    assertEquals(List.of(), lsp.logs, "no internal errors");
    assertEquals("", lsp.serverErr.toString(StandardCharsets.UTF_8));
  }

}
