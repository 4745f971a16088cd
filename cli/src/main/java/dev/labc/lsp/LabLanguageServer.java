package dev.labc.lsp;

import dev.labc.eval.Evaluator;
import dev.labc.compile.LabCompiler;
import dev.labc.module.ModuleResolver;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SignatureHelpOptions;
import org.eclipse.lsp4j.DocumentLinkOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The labc language server: diagnostics as `labc check` reports them, hover, go-to-definition,
 * completion, formatting as `labc fmt` writes it, and document symbols, for `.lab` files.
 */
public final class LabLanguageServer implements LanguageServer, LanguageClientAware {
  private final String version;
  private final ExecutorService worker;
  private final ServerLog log;
  private final LabTextDocumentService documents;
  private final WorkspaceService workspace;
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private volatile boolean shutdownRequested;
  private volatile LanguageClient client;
  /** Whether the client can watch files for us when asked (WatchedFiles). */
  private volatile boolean watchFiles;

  /**
   * @param version   labc's version, for the client's display
   * @param stdlibDir where stdlib modules are copied for go-to-definition ({@link StdlibFiles})
   * @param err       where the server's own errors go besides the client's log
   */
  public LabLanguageServer(String version, Path stdlibDir, PrintStream err) {
    this.version = version;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "labc-lsp-worker");
      t.setDaemon(true);
      return t;
    });
    this.log = new ServerLog(err);
    var modules = new ModuleResolver(LabLanguageServer.class.getClassLoader());
    // No --var in an editor: params get their defaults, as in a plain `labc check FILE`.
    this.documents = new LabTextDocumentService(worker, new LabCompiler(modules, version), new StdlibFiles(modules, stdlibDir), Evaluator.Options.defaults(), log);
    this.workspace = new WorkspaceService() {
      @Override public void didChangeConfiguration(DidChangeConfigurationParams params) { }

      @Override public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) { documents.recheckAll(); }
    };
  }

  /** A JSON-RPC connection of this server to a client over a pair of streams (stdio for `labc lsp`). */
  public static Launcher<LanguageClient> launcher(LabLanguageServer server, InputStream in, OutputStream out) {
    Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
        .setLocalService(server).setRemoteInterface(LanguageClient.class).setInput(in).setOutput(out)
        .setExceptionHandler(UnsupportedMethods::answer)
        .create();
    server.connect(launcher.getRemoteProxy());
    return launcher;
  }

  /** The default copy of the stdlib for go-to-definition: per user and version under the temp dir. */
  public static Path defaultStdlibDir(String version) { return StdlibFiles.defaultDir(version); }

  /** Completes on the client's `exit`: 0 after a `shutdown`, 1 without one, as the protocol says. */
  public CompletableFuture<Integer> exitCode() { return exitCode; }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
    log.connect(client);
    documents.connect(client);
  }

  @Override
  public void initialized(InitializedParams params) {
    LanguageClient c = client;
    if (watchFiles && c != null) c.registerCapability(WatchedFiles.registration());
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    watchFiles = WatchedFiles.canRegister(params.getCapabilities());
    var caps = new ServerCapabilities();
    var sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Full);
    sync.setSave(new SaveOptions(false));
    caps.setTextDocumentSync(sync);
    caps.setHoverProvider(true);
    caps.setDefinitionProvider(true);
    caps.setCompletionProvider(new CompletionOptions(false, List.of()));
    caps.setDocumentFormattingProvider(true);
    caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    caps.setDocumentLinkProvider(new DocumentLinkOptions(false));
    caps.setSignatureHelpProvider(new SignatureHelpOptions(List.of("(", ",")));
    caps.setReferencesProvider(true);
    caps.setRenameProvider(new RenameOptions(true));
    caps.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(SemanticHighlighting.LEGEND, false, true));
    caps.setDocumentSymbolProvider(true);
    return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("labc", version)));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdownRequested = true;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    worker.shutdownNow();
    exitCode.complete(shutdownRequested ? 0 : 1);
  }

  @Override
  public TextDocumentService getTextDocumentService() { return documents; }

  @Override
  public WorkspaceService getWorkspaceService() { return workspace; }
}
