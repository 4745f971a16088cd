package dev.labc.cli;

import dev.labc.runtime.state.SecretKeyFile;
import dev.labc.state.SecretHasher;
import java.nio.file.Path;

/** The key for secret digests: LABC_SECRET_KEY_FILE, else ~/.config/labc/secret-key; never inside the state repository. */
final class SecretKey {
  private SecretKey() {}

  static SecretHasher load(Path labFile) {
    Path key = SecretKeyFile.locate(System.getenv(), Path.of(System.getProperty("user.home")));
    return SecretKeyFile.load(key, labFile.toAbsolutePath().getParent().resolve(dev.labc.runtime.state.GitStateStore.DEFAULT_DIR));
  }
}
