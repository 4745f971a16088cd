package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  @Test
  void plainLinesWhenNotATerminal() {
    var bytes = new ByteArrayOutputStream();
    var p = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    p.update("gpu-1", 0, 4, "node.gpu-1.file[\"/etc/motd\"]");
    p.update("gpu-1", 4, 4, "");
    p.update("head", 1, 3, "failed");
    p.finish();
    assertEquals("gpu-1: 0/4 node.gpu-1.file[\"/etc/motd\"]\nhead: 1/3 failed\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void onATerminalOneRedrawnLinePerHostWithABar() {
    var bytes = new ByteArrayOutputStream();
    var p = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    p.update("gpu-1", 0, 4, "connecting");
    p.update("head", 3, 3, "");
    p.finish();
    String out = bytes.toString(StandardCharsets.UTF_8);
    String last = out.substring(out.lastIndexOf("\033[2F"));
    assertTrue(last.contains("gpu-1 [                    ] 0/4 connecting\n"), out);
    assertTrue(last.contains("head  [####################] 3/3 done\n"), out);
  }
}
