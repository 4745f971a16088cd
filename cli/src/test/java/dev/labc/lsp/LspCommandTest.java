package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labc.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `labc lsp` itself: Content-Length framed JSON-RPC on stdin and stdout, and the protocol's exit codes. */
class LspCommandTest {
  private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}";
  private static final String SHUTDOWN = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}";
  private static final String EXIT = "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}";

  @Test
  void initializeShutdownExitOverStdio() throws Exception {
    Run run = lsp(INITIALIZE, SHUTDOWN, EXIT);
    assertEquals(0, run.exitCode, run.err);
    assertEquals("", run.err, "nothing on stderr when all is well");
    List<JsonNode> messages = frames(run.out);
    assertEquals(2, messages.size(), run.out);
    JsonNode caps = messages.get(0).get("result").get("capabilities");
    assertTrue(caps.get("hoverProvider").asBoolean());
    assertTrue(caps.get("definitionProvider").asBoolean());
    assertTrue(caps.get("documentFormattingProvider").asBoolean());
    assertTrue(caps.get("documentSymbolProvider").asBoolean());
    assertTrue(caps.has("completionProvider"));
    assertEquals(1, caps.get("textDocumentSync").get("change").asInt(), "full sync");
    assertEquals("labc", messages.get(0).get("result").get("serverInfo").get("name").asText());
    assertEquals(2, messages.get(1).get("id").asInt());
  }

  @Test
  void endOfInputWithoutShutdownExitsWithOne() throws Exception {
    Run run = lsp(INITIALIZE);
    assertEquals(1, run.exitCode, run.err);
    assertEquals("", run.err, "a client going away is no error to report");
    assertEquals(1, frames(run.out).size());
  }

  /** What an editor asks that labc does not do yet is "method not found" (-32601), quietly: no "Internal error", no stack trace. */
  @Test
  void unsupportedRequestsAnswerMethodNotFound() throws Exception {
    String doc = "{\"textDocument\":{\"uri\":\"file:///tmp/a.lab\"},\"position\":{\"line\":0,\"character\":0}";
    List<String> methods = List.of("textDocument/semanticTokens/range", "textDocument/inlayHint",
        "textDocument/prepareTypeHierarchy", "labc/noSuchMethod");
    var messages = new ArrayList<String>(List.of(INITIALIZE));
    for (int i = 0; i < methods.size(); i++) {
      messages.add("{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i) + ",\"method\":\"" + methods.get(i) + "\",\"params\":" + doc
          + ",\"newName\":\"x\",\"context\":{\"includeDeclaration\":true,\"diagnostics\":[]},"
          + "\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}}}}");
    }
    messages.add(SHUTDOWN);
    messages.add(EXIT);
    Run run = lsp(messages.toArray(String[]::new));
    assertEquals(0, run.exitCode, run.err);
    assertEquals("", run.err, "nothing on stderr: an unsupported method is no error of labc's");
    for (JsonNode m : frames(run.out)) {
      int id = m.get("id").asInt();
      if (id < 10) continue;
      String method = methods.get(id - 10);
      assertTrue(m.has("error"), method + ": " + m);
      assertEquals(-32601, m.get("error").get("code").asInt(), method + ": " + m);
    }
    assertEquals(methods.size() + 2, frames(run.out).size(), run.out);
  }

  private record Run(int exitCode, String out, String err) {}

  private static synchronized Run lsp(String... messages) {
    var in = new ByteArrayOutputStream();
    for (String m : messages) {
      byte[] body = m.getBytes(StandardCharsets.UTF_8);
      in.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      in.writeBytes(body);
    }
    PrintStream oldOut = System.out, oldErr = System.err;
    InputStream oldIn = System.in;
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(in.toByteArray()));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run("lsp");
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The JSON bodies of Content-Length framed messages; anything else on stdout fails the test. */
  private static List<JsonNode> frames(String out) throws Exception {
    var mapper = new ObjectMapper();
    var result = new ArrayList<JsonNode>();
    int at = 0;
    while (at < out.length()) {
      assertTrue(out.startsWith("Content-Length: ", at), "stdout holds only framed messages: " + out.substring(at));
      int headerEnd = out.indexOf("\r\n\r\n", at);
      int length = Integer.parseInt(out.substring(at + "Content-Length: ".length(), out.indexOf("\r\n", at)).trim());
      byte[] rest = out.substring(headerEnd + 4).getBytes(StandardCharsets.UTF_8);
      String body = new String(rest, 0, length, StandardCharsets.UTF_8);
      result.add(mapper.readTree(body));
      at = headerEnd + 4 + body.length();
    }
    return result;
  }
}
