package dev.labc.lsp;

import java.io.PrintStream;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's own problems: one line to stderr (the editor's server log) and to the client's
 * log. Never a stack trace unless LABC_DEBUG is set, as everywhere in labc.
 */
final class ServerLog {
  private final PrintStream err;
  private volatile LanguageClient client;

  ServerLog(PrintStream err) { this.err = err; }

  void connect(LanguageClient client) { this.client = client; }

  void error(String what, Throwable e) {
    String line = "labc lsp: internal error in " + what + " (a bug in labc, not in your input): "
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    err.println(line);
    if (System.getenv("LABC_DEBUG") != null) e.printStackTrace(err);
    LanguageClient c = client;
    if (c != null) c.logMessage(new MessageParams(MessageType.Error, line));
  }
}
