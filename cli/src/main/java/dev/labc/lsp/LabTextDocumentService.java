package dev.labc.lsp;

import dev.labc.eval.Evaluator;
import dev.labc.format.Formatter;
import dev.labc.compile.LabCompiler;
import dev.labc.module.ModuleResolver;
import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The open documents and the requests about them. Notifications record the text at once;
 * checking and every request run in order on one worker thread, so a request always sees
 * the text of the changes sent before it, and a slow check never stalls the connection.
 */
final class LabTextDocumentService implements TextDocumentService {
  /** The text of an open document as the client last sent it. */
  private record OpenDocument(String uri, int version, String text) {}

  /** The path a document is checked under; a copy of a stdlib module is checked as {@code std/x.lab}. */
  private record DocumentPath(String path, boolean isStdlib) {}

  private final Map<String, OpenDocument> open = new ConcurrentHashMap<>();
  /** Touched only on the worker thread. */
  private final Map<String, Analysis> analyses = new HashMap<>();
  private final ExecutorService worker;
  private final LabCompiler compiler;
  private final ModuleResolver modules;
  private final StdlibFiles stdlib;
  private final Evaluator.Options options;
  private final ServerLog log;
  private volatile LanguageClient client;

  LabTextDocumentService(ExecutorService worker, LabCompiler compiler, StdlibFiles stdlib, Evaluator.Options options, ServerLog log) {
    this.worker = worker;
    this.compiler = compiler;
    this.modules = compiler.modules();
    this.stdlib = stdlib;
    this.options = options;
    this.log = log;
  }

  void connect(LanguageClient client) { this.client = client; }

  // ---- documents ----------------------------------------------------------------------------

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var doc = params.getTextDocument();
    open.put(doc.getUri(), new OpenDocument(doc.getUri(), doc.getVersion(), doc.getText()));
    later("didOpen", () -> publish(doc.getUri()));
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    var changes = params.getContentChanges();
    if (changes.isEmpty()) return;
    // Full sync (as announced in initialize): the last change holds the whole text.
    open.put(uri, new OpenDocument(uri, params.getTextDocument().getVersion(), changes.get(changes.size() - 1).getText()));
    later("didChange", () -> publish(uri));
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    open.remove(uri);
    later("didClose", () -> {
      analyses.remove(uri);
      LanguageClient c = client;
      if (c != null) c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    });
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // Imports are read from disk: a saved module changes what the documents importing it see.
    recheckAll();
  }

  /** Checks every open document again, as after a file on disk changed. */
  void recheckAll() {
    later("recheck", () -> {
      analyses.clear();
      for (String uri : List.copyOf(open.keySet())) publish(uri);
    });
  }

  private void publish(String uri) {
    Analysis a = analysis(uri);
    LanguageClient c = client;
    if (a == null || c == null) return;
    var diagnostics = LspDiagnostics.of(a, new Locations(a, stdlib), modules);
    c.publishDiagnostics(new PublishDiagnosticsParams(uri, diagnostics, a.version()));
  }

  /** The analysis of a document's current text, computed on first need. */
  private Analysis analysis(String uri) {
    OpenDocument doc = open.get(uri);
    if (doc == null) return null;
    Analysis cached = analyses.get(uri);
    if (cached != null && cached.version() == doc.version() && cached.file().text().equals(doc.text())) return cached;
    DocumentPath path = pathOf(uri);
    Analysis a = Analysis.of(compiler, uri, doc.version(), doc.text(), path.path(), path.isStdlib(), options);
    analyses.put(uri, a);
    return a;
  }

  private DocumentPath pathOf(String uri) {
    try {
      URI u = URI.create(uri);
      if ("file".equals(u.getScheme())) {
        Path p = Path.of(u);
        Optional<String> std = stdlib.stdPathOf(p);
        return std.map(s -> new DocumentPath(s, true)).orElse(new DocumentPath(p.toString(), false));
      }
    } catch (RuntimeException e) {
      // Not a file URI we can map: checked under the URI itself, imports relative to nothing.
    }
    return new DocumentPath(uri, false);
  }

  // ---- requests -----------------------------------------------------------------------------

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return request("codeAction", List.of(), () -> {
      OpenDocument doc = open.get(params.getTextDocument().getUri());
      return doc == null ? List.of() : QuickFixes.of(doc.uri(), doc.text(), params.getContext().getDiagnostics());
    });
  }

  @Override
  public CompletableFuture<List<DocumentLink>> documentLink(DocumentLinkParams params) {
    return request("documentLink", List.of(), () -> {
      Analysis a = analysis(params.getTextDocument().getUri());
      return a == null ? List.of() : DocumentLinks.of(a, modules, new Locations(a, stdlib));
    });
  }

  @Override
  public CompletableFuture<SignatureHelp> signatureHelp(SignatureHelpParams params) {
    return request("signatureHelp", null, () -> {
      OpenDocument doc = open.get(params.getTextDocument().getUri());
      if (doc == null) return null;
      int offset = Positions.offset(new SourceFile(doc.uri(), doc.text()), params.getPosition());
      return SignatureHelps.at(doc.text(), offset).orElse(null);
    });
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    return request("references", List.of(), () -> {
      Analysis a = analysis(params.getTextDocument().getUri());
      if (a == null) return List.of();
      var locations = new Locations(a, stdlib);
      return References.at(a, modules, Positions.offset(a.file(), params.getPosition())).stream()
          .flatMap(s -> locations.location(s).stream()).toList();
    });
  }

  @Override
  public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(PrepareRenameParams params) {
    return request("prepareRename", null, () -> {
      Analysis a = analysis(params.getTextDocument().getUri());
      if (a == null) return null;
      int offset = Positions.offset(a.file(), params.getPosition());
      if (!References.renamable(a, modules, offset)) return null;
      return References.at(a, modules, offset).stream().filter(s -> s.start() <= offset && offset <= s.end()).findFirst()
          .map(s -> Either3.<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forFirst(Positions.range(s))).orElse(null);
    });
  }

  @Override
  public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
    if (!References.isName(params.getNewName())) {
      return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
          "`" + params.getNewName() + "` is not a name: letters, digits, `_` and inner `-`, not starting with a digit", null)));
    }
    return request("rename", null, () -> {
      Analysis a = analysis(params.getTextDocument().getUri());
      if (a == null) return null;
      int offset = Positions.offset(a.file(), params.getPosition());
      if (!References.renamable(a, modules, offset)) return null;
      var edits = References.at(a, modules, offset).stream().map(s -> new TextEdit(Positions.range(s), params.getNewName())).toList();
      return new WorkspaceEdit(Map.of(a.uri(), edits));
    });
  }

  @Override
  public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
    return request("semanticTokens", new SemanticTokens(List.of()), () -> {
      OpenDocument doc = open.get(params.getTextDocument().getUri());
      return new SemanticTokens(doc == null ? List.of() : SemanticHighlighting.of(doc.text()));
    });
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return request("hover", null, () -> {
      Analysis a = analysis(params.getTextDocument().getUri());
      if (a == null) return null;
      int offset = Positions.offset(a.file(), params.getPosition());
      Optional<Target> target = Locator.at(a.tree().statements(), offset);
      if (target.isEmpty()) return null;
      Optional<Resolved> resolved = new Resolver(a, modules).resolve(target.get());
      if (resolved.isEmpty()) return null;
      String text = new Hovers(a, new Locations(a, stdlib)).render(resolved.get());
      return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text), Positions.range(Locator.spanOf(target.get())));
    });
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
    return request("definition", Either.forLeft(List.of()), () -> {
      Analysis a = analysis(params.getTextDocument().getUri());
      if (a == null) return Either.forLeft(List.of());
      int offset = Positions.offset(a.file(), params.getPosition());
      Optional<Resolved> resolved = Locator.at(a.tree().statements(), offset).flatMap(t -> new Resolver(a, modules).resolve(t));
      if (resolved.isEmpty()) return Either.forLeft(List.of());
      var locations = new Locations(a, stdlib);
      var out = new ArrayList<Location>();
      if (resolved.get() instanceof Resolved.Module m && m.file() != null) {
        locations.uriOf(m.file()).ifPresent(uri -> out.add(new Location(uri, new Range(new Position(0, 0), new Position(0, 0)))));
      }
      for (Span s : Definitions.of(resolved.get())) locations.location(s).ifPresent(out::add);
      return Either.forLeft(out);
    });
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
    return request("completion", Either.forLeft(List.of()), () -> {
      Analysis a = analysis(params.getTextDocument().getUri());
      if (a == null) return Either.forLeft(List.of());
      return Either.forLeft(new Completions(a).at(params.getPosition()));
    });
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
    return request("formatting", List.of(), () -> {
      Analysis a = analysis(params.getTextDocument().getUri());
      if (a == null) return List.of();
      // What `labc fmt` writes; a file with syntax errors is left alone, as fmt leaves it.
      Formatter.Result r = Formatter.format(a.tree());
      if (!r.ok() || r.text().equals(a.file().text())) return List.of();
      return List.of(new TextEdit(Positions.whole(a.file()), r.text()));
    });
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
    return request("documentSymbol", List.of(), () -> {
      Analysis a = analysis(params.getTextDocument().getUri());
      if (a == null) return List.of();
      return Symbols.of(a.tree().statements()).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList();
    });
  }

  // ---- running on the worker ----------------------------------------------------------------

  private <T> CompletableFuture<T> request(String what, T fallback, Supplier<T> body) {
    try {
      return CompletableFuture.supplyAsync(() -> guarded(what, fallback, body), worker);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(fallback); // after `exit`: the editor is quitting
    }
  }

  private void later(String what, Runnable body) {
    try {
      worker.execute(() -> guarded(what, null, () -> {
        body.run();
        return null;
      }));
    } catch (RejectedExecutionException e) {
      // After `exit`: nothing more to check.
    }
  }

  /** A bug in one request is logged and answered with nothing; the server keeps serving. */
  private <T> T guarded(String what, T fallback, Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException | StackOverflowError e) {
      // After `exit` the worker is interrupted mid-check: what fails then is the shutdown's doing.
      if (!worker.isShutdown()) log.error(what, e);
      return fallback;
    }
  }
}
