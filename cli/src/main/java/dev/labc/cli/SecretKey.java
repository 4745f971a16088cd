package dev.labc.cli;

import dev.labc.state.SecretHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The key for secret digests lives outside the state repository (LABC_SECRET_KEY_FILE, else
 * ~/.config/labc/secret-key, created on first use with mode 600), so state reveals nothing.
 */
final class SecretKey {
  private SecretKey() {}

  static SecretHasher load() throws IOException {
    String env = System.getenv("LABC_SECRET_KEY_FILE");
    Path p = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".config", "labc", "secret-key");
    if (!Files.exists(p)) {
      Files.createDirectories(p.toAbsolutePath().getParent());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
      Files.write(tmp, key);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // non-POSIX file systems keep their default permissions
      }
      Files.move(tmp, p);
    }
    return new SecretHasher(Files.readAllBytes(p));
  }
}
