package dev.labc.lsp;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every language-server test starts from: a fresh server over a temporary directory, with an
 * empty stdlib directory of its own, shut down after each test. Subclasses add their own
 * {@code @BeforeEach} (JUnit runs this one first).
 */
abstract class LspServerTest {
  @TempDir Path dir;
  LspSession lsp;

  @BeforeEach
  final void startServer() throws Exception {
    lsp = new LspSession(dir.resolve("stdlib"));
  }

  @AfterEach
  final void stopServer() throws Exception {
    lsp.close();
  }
}
