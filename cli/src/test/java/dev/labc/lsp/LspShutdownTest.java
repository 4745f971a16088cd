package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An editor quitting is no bug of labc's: requests and checks that meet a server the client has
 * told to `exit` are answered with nothing and log nothing, where they used to fail with
 * "Internal error" (a rejected task) or log "internal error ... (a bug in labc)".
 */
class LspShutdownTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private LabLanguageServer server(PipedInputStream in, PipedOutputStream out) {
    var server = new LabLanguageServer("test", dir.resolve("stdlib"), new PrintStream(err, true, StandardCharsets.UTF_8));
    LabLanguageServer.launcher(server, in, out).startListening();
    return server;
  }

  private static HoverParams hoverAt(String uri) {
    return new HoverParams(new TextDocumentIdentifier(uri), new Position(0, 0));
  }

  @Test
  void aRequestAfterExitIsAnsweredWithNothingAndLogsNothing() throws Exception {
    var toServer = new PipedOutputStream();
    var server = server(new PipedInputStream(toServer, 1 << 16), new PipedOutputStream(new PipedInputStream(1 << 16)));
    server.shutdown().get(30, TimeUnit.SECONDS);
    server.exit();
    assertEquals(0, server.exitCode().get(30, TimeUnit.SECONDS));
    // A request still in flight when the client quits: the worker no longer takes work.
    assertNull(server.getTextDocumentService().hover(hoverAt("file:///tmp/a.lab")).get(30, TimeUnit.SECONDS));
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem("file:///tmp/a.lab", "lab", 1, "let x = 1\n")));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}
