package dev.labc.lsp;

import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Asks the client to watch the .lab files on disk (workspace/didChangeWatchedFiles), so that an
 * imported module edited outside the editor, or by git, is picked up: every open document is
 * checked again (LabLanguageServer's workspace service). Only clients that say they can register
 * the watch dynamically are asked; VS Code's extension watches by itself too.
 */
final class WatchedFiles {
  private WatchedFiles() {}

  static final String METHOD = "workspace/didChangeWatchedFiles";

  static boolean canRegister(ClientCapabilities caps) {
    return Optional.ofNullable(caps).map(ClientCapabilities::getWorkspace)
        .map(WorkspaceClientCapabilities::getDidChangeWatchedFiles)
        .map(DidChangeWatchedFilesCapabilities::getDynamicRegistration)
        .orElse(false);
  }

  static RegistrationParams registration() {
    var options = new DidChangeWatchedFilesRegistrationOptions(List.of(new FileSystemWatcher(Either.forLeft("**/*.lab"))));
    return new RegistrationParams(List.of(new Registration("labc-lab-files", METHOD, options)));
  }
}
