package dev.labc.lsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A labc language server and a client talking JSON-RPC through two pipes, as an editor and
 * `labc lsp` talk over stdio: every request in the tests is serialized, sent and parsed.
 */
final class LspSession implements AutoCloseable {
  private static final long TIMEOUT_S = 30;

  final LabLanguageServer server;
  final LanguageServer remote;
  final InitializeResult initialized;
  final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
  final List<MessageParams> logs = new CopyOnWriteArrayList<>();
  final ByteArrayOutputStream serverErr = new ByteArrayOutputStream();
  private final PipedOutputStream toServer;
  private final PipedOutputStream toClient;

  LspSession(Path stdlibDir) throws Exception {
    var clientOut = new PipedOutputStream();
    var serverIn = new PipedInputStream(clientOut, 1 << 16);
    var serverOut = new PipedOutputStream();
    var clientIn = new PipedInputStream(serverOut, 1 << 16);
    toServer = clientOut;
    toClient = serverOut;
    server = new LabLanguageServer("test", stdlibDir, new PrintStream(serverErr, true, StandardCharsets.UTF_8));
    LabLanguageServer.launcher(server, serverIn, serverOut).startListening();
    Launcher<LanguageServer> client = LSPLauncher.createClientLauncher(new Client(), clientIn, clientOut);
    client.startListening();
    remote = client.getRemoteProxy();
    var init = new InitializeParams();
    init.setCapabilities(new ClientCapabilities());
    initialized = get(remote.initialize(init));
    remote.initialized(new InitializedParams());
  }

  static String uri(Path p) { return p.toAbsolutePath().toUri().toString(); }

  void open(Path file, String text) {
    remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri(file), "lab", 1, text)));
  }

  void change(Path file, int version, String text) {
    remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uri(file), version), List.of(new TextDocumentContentChangeEvent(text))));
  }

  /** The next diagnostics published for a file. */
  PublishDiagnosticsParams diagnosticsFor(Path file) throws InterruptedException {
    String uri = uri(file);
    while (true) {
      PublishDiagnosticsParams p = diagnostics.poll(TIMEOUT_S, TimeUnit.SECONDS);
      if (p == null) throw new AssertionError("no diagnostics published for " + uri + " within " + TIMEOUT_S + " s");
      if (p.getUri().equals(uri)) return p;
    }
  }

  Hover hover(Path file, int line, int character) throws Exception {
    return get(remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri(file)), new Position(line, character))));
  }

  List<? extends Location> definition(Path file, int line, int character) throws Exception {
    var r = get(remote.getTextDocumentService().definition(new DefinitionParams(new TextDocumentIdentifier(uri(file)), new Position(line, character))));
    return r.getLeft();
  }

  List<CompletionItem> completion(Path file, int line, int character) throws Exception {
    var r = get(remote.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri(file)), new Position(line, character))));
    return r.isLeft() ? r.getLeft() : r.getRight().getItems();
  }

  List<? extends TextEdit> formatting(Path file) throws Exception {
    return get(remote.getTextDocumentService().formatting(new DocumentFormattingParams(new TextDocumentIdentifier(uri(file)), new FormattingOptions(2, true))));
  }

  List<DocumentSymbol> symbols(Path file) throws Exception {
    var r = get(remote.getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri(file)))));
    return r.stream().map(e -> {
      if (!e.isRight()) throw new AssertionError("expected hierarchical DocumentSymbols, got " + e);
      return e.getRight();
    }).toList();
  }

  static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      get(remote.shutdown());
      remote.exit();
      assertExitCode(server.exitCode().get(TIMEOUT_S, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new AssertionError("the server did not shut down cleanly", e);
    } finally {
      closeQuietly(toServer);
      closeQuietly(toClient);
    }
  }

  private static void assertExitCode(int code) {
    if (code != 0) throw new AssertionError("exit after shutdown must be 0, was " + code);
  }

  private static void closeQuietly(PipedOutputStream s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private final class Client implements LanguageClient {
    @Override public void telemetryEvent(Object object) { }

    @Override public void publishDiagnostics(PublishDiagnosticsParams p) { diagnostics.add(p); }

    @Override public void showMessage(MessageParams p) { logs.add(p); }

    @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
      return CompletableFuture.completedFuture(null);
    }

    @Override public void logMessage(MessageParams p) { logs.add(p); }
  }
}
