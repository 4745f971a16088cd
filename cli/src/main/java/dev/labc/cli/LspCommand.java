package dev.labc.cli;

import dev.labc.lsp.LabLanguageServer;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import picocli.CommandLine.Command;

/** {@code labc lsp}: the language server, JSON-RPC over stdin and stdout, for editors to start. */
@Command(name = "lsp", description = "Run the language server for .lab files (Language Server Protocol over stdin/stdout).")
final class LspCommand implements Callable<Integer> {

  @Override
  public Integer call() throws InterruptedException {
    return new Run().call();
  }

  /**
   * The server itself, in a class of its own: picocli reflects over the command class, and the JVM
   * links it, on every labc start, even for --help; the lsp4j types used here are loaded only when the server runs.
   */
  private final class Run {
    int call() throws InterruptedException {
      PrintStream protocolOut = System.out;
      PrintStream err = System.err;
      // stdout carries only protocol messages: a stray print from anywhere would corrupt the stream.
      System.setOut(err);
      Logger lsp4j = Logger.getLogger("org.eclipse.lsp4j");
      Handler oneLine = new OneLineHandler(err);
      lsp4j.setUseParentHandlers(false);
      lsp4j.addHandler(oneLine);
      try {
        var server = new LabLanguageServer(Main.VERSION, LabLanguageServer.defaultStdlibDir(Main.VERSION), err);
        Launcher<LanguageClient> launcher = LabLanguageServer.launcher(server, System.in, protocolOut);
        Future<Void> listening = launcher.startListening();
        // The client closing stdin without `exit` ends the server too, with 1 as the protocol asks.
        Thread.ofVirtual().start(() -> {
          try {
            listening.get();
          } catch (InterruptedException | ExecutionException | java.util.concurrent.CancellationException e) {
            // The connection ended either way.
          }
          server.exitCode().complete(1);
        });
        int code = server.exitCode().join();
        listening.cancel(true);
        return code;
      } finally {
        lsp4j.removeHandler(oneLine);
        lsp4j.setUseParentHandlers(true);
        System.setOut(protocolOut);
      }
    }

    /** lsp4j's own log (a malformed message, a closed stream) as one line each on stderr, stack traces only with LABC_DEBUG. */
    private static final class OneLineHandler extends Handler {
      private final PrintStream err;

      OneLineHandler(PrintStream err) {
        this.err = err;
        setLevel(Level.WARNING);
      }

      @Override
      public void publish(LogRecord r) {
        if (!isLoggable(r)) return;
        // A method labc does not have is answered "method not found" (UnsupportedMethods); editors
        // ask for many, and none of them is worth a line in the editor's log.
        if (r.getMessage() != null && r.getMessage().startsWith("Unsupported request method")) return;
        Throwable t = r.getThrown();
        err.println("labc lsp: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": " + r.getMessage()
            + (t == null ? "" : " (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")"));
        if (t != null && System.getenv("LABC_DEBUG") != null) t.printStackTrace(err);
      }

      @Override public void flush() { err.flush(); }

      @Override public void close() { }
    }
  }
}
