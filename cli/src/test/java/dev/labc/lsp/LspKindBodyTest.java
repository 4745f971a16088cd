package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.Test;

/**
 * Inside a `@kind schema`'s body, names are the instance's fields, `self`, loop variables and the
 * program's lets: hover and go-to-definition answer there as they do in a top-level block.
 */
class LspKindBodyTest extends LspServerTest {
  static final String PROGRAM = """
      let prefix = "/etc/systemd/system"

      @kind
      schema vllm_server {
        on: node
        /// The port the server listens on.
        port: int(1..65535) = 8000

        file unit {
          path    = "${prefix}/vllm-${self.name}.service"
          content = "ExecStart=/opt/vllm/bin/vllm serve --port ${port}\\n"
          on      = [on]
        }
        for i in 1..2 {
          file "extra-${i}" {
            path = "/tmp/x${i}-${port}"
            on   = [on]
          }
        }
      }

      node head {
        address = 10.0.1.10
      }

      vllm_server big {
        on = head
      }
      """;

  Path open() throws Exception {
    Path file = dir.resolve("serve.lab");
    java.nio.file.Files.writeString(file, PROGRAM);
    lsp.open(file, PROGRAM);
    return file;
  }

  @Test
  void fieldNameInAKindBodyGoesToTheFieldAndHoversItsDoc() throws Exception {
    Path file = open();
    Position use = Texts.at(PROGRAM, "--port ${port}");
    int col = use.getCharacter() + "--port ${".length() + 1;
    Location def = single(lsp.definition(file, use.getLine(), col));
    assertEquals(Texts.rangeOf(PROGRAM, "port", 1), def.getRange()); // `port: int(1..65535)` in the schema
    Hover h = lsp.hover(file, use.getLine(), col);
    String text = h.getContents().getRight().getValue();
    assertTrue(text.contains("The port the server listens on."), text);
  }

  @Test
  void selfLetsAndLoopVariablesInAKindBodyGoToTheirDeclarations() throws Exception {
    Path file = open();
    Position self = Texts.at(PROGRAM, "self.name");
    assertEquals(Texts.rangeOf(PROGRAM, "vllm_server", 0), single(lsp.definition(file, self.getLine(), self.getCharacter() + 1)).getRange());
    Position let = Texts.at(PROGRAM, "${prefix}");
    assertEquals(Texts.rangeOf(PROGRAM, "prefix", 0), single(lsp.definition(file, let.getLine(), let.getCharacter() + 3)).getRange());
    Position loop = Texts.at(PROGRAM, "x${i}");
    assertEquals(Texts.rangeOf(PROGRAM, "i in 1..2", 0).getStart(), single(lsp.definition(file, loop.getLine(), loop.getCharacter() + 3)).getRange().getStart());
    // Inside the body's `for`, `port` is still the instance's field.
    Position port = Texts.at(PROGRAM, "-${port}");
    assertEquals(Texts.rangeOf(PROGRAM, "port", 1), single(lsp.definition(file, port.getLine(), port.getCharacter() + 3)).getRange());
  }

  private static Location single(List<? extends Location> locations) {
    assertEquals(1, locations.size(), locations.toString());
    return locations.get(0);
  }
}
