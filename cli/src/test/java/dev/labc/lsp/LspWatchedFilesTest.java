package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that can watch files is asked to watch the .lab files, and a module changed on disk
 * (not in the editor) is picked up: the document importing it is checked again.
 */
class LspWatchedFilesTest {
  @TempDir Path dir;

  private final BlockingQueue<RegistrationParams> registrations = new LinkedBlockingQueue<>();
  private final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();

  private final class Client implements LanguageClient {
    @Override public void telemetryEvent(Object object) { }
    @Override public void publishDiagnostics(PublishDiagnosticsParams p) { diagnostics.add(p); }
    @Override public void showMessage(MessageParams p) { }
    @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) { return CompletableFuture.completedFuture(null); }
    @Override public void logMessage(MessageParams p) { }
    @Override public CompletableFuture<Void> registerCapability(RegistrationParams p) {
      registrations.add(p);
      return CompletableFuture.completedFuture(null);
    }
  }

  @Test
  void theLabFilesAreWatchedAndAModuleChangedOnDiskIsCheckedAgain() throws Exception {
    var clientOut = new PipedOutputStream();
    var serverOut = new PipedOutputStream();
    var err = new ByteArrayOutputStream();
    var server = new LabLanguageServer("test", dir.resolve("stdlib"), new PrintStream(err, true, StandardCharsets.UTF_8));
    LabLanguageServer.launcher(server, new PipedInputStream(clientOut, 1 << 16), serverOut).startListening();
    var client = LSPLauncher.createClientLauncher(new Client(), new PipedInputStream(serverOut, 1 << 16), clientOut);
    client.startListening();
    LanguageServer remote = client.getRemoteProxy();

    var watch = new DidChangeWatchedFilesCapabilities(true);
    var workspace = new WorkspaceClientCapabilities();
    workspace.setDidChangeWatchedFiles(watch);
    var caps = new ClientCapabilities();
    caps.setWorkspace(workspace);
    var init = new InitializeParams();
    init.setCapabilities(caps);
    remote.initialize(init).get(30, TimeUnit.SECONDS);
    remote.initialized(new InitializedParams());

    RegistrationParams r = registrations.poll(30, TimeUnit.SECONDS);
    assertEquals("workspace/didChangeWatchedFiles", r.getRegistrations().get(0).getMethod());
    // Registration options arrive untyped (their type depends on the method): as the JSON sent.
    var options = (JsonObject) r.getRegistrations().get(0).getRegisterOptions();
    assertEquals("**/*.lab", options.getAsJsonArray("watchers").get(0).getAsJsonObject().get("globPattern").getAsString());

    // A module with a mistake, imported by the open document: the import carries the error.
    Path module = dir.resolve("users.lab");
    Files.writeString(module, "param n: int = \"one\"\n");
    Path file = dir.resolve("cluster.lab");
    String text = "import \"./users.lab\" as users\n";
    Files.writeString(file, text);
    String uri = LspSession.uri(file);
    remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "lab", 1, text)));
    assertTrue(!next(uri).getDiagnostics().isEmpty(), "the module's mistake shows on the import");

    // Fixed on disk, outside the editor; the client reports the change it watched.
    Files.writeString(module, "param n: int = 1\n");
    remote.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
        List.of(new FileEvent(module.toUri().toString(), FileChangeType.Changed))));
    assertEquals(List.of(), next(uri).getDiagnostics());

    remote.shutdown().get(30, TimeUnit.SECONDS);
    remote.exit();
    assertEquals(0, server.exitCode().get(30, TimeUnit.SECONDS));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  private PublishDiagnosticsParams next(String uri) throws InterruptedException {
    while (true) {
      PublishDiagnosticsParams p = diagnostics.poll(30, TimeUnit.SECONDS);
      if (p == null) throw new AssertionError("no diagnostics for " + uri);
      if (p.getUri().equals(uri)) return p;
    }
  }
}
