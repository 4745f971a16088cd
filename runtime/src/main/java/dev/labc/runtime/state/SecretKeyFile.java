package dev.labc.runtime.state;

import dev.labc.state.SecretHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The key for {@link SecretHasher}: {@code $LABC_SECRET_KEY_FILE}, else
 * {@code ~/.config/labc/secret-key}; created with 32 random bytes (mode 0600) on first use. It must
 * live outside the state repository, or the digests there would be as good as plain hashes.
 */
public final class SecretKeyFile {
  public static final String ENV = "LABC_SECRET_KEY_FILE";

  private SecretKeyFile() {}

  /** Where the key is for this environment and home directory. */
  public static Path locate(Map<String, String> env, Path home) {
    String configured = env.get(ENV);
    return configured != null && !configured.isBlank() ? Path.of(configured)
        : home.resolve(".config").resolve("labc").resolve("secret-key");
  }

  /** Loads (or creates) the key at {@code keyFile}; refuses one inside {@code stateDir}. */
  public static SecretHasher load(Path keyFile, Path stateDir) {
    Path key = keyFile.toAbsolutePath().normalize();
    if (key.startsWith(stateDir.toAbsolutePath().normalize())) {
      throw new StateStoreException("the secret key " + keyFile + " is inside the state repository " + stateDir,
          "move it elsewhere and set " + ENV + "; a key stored beside the digests protects nothing");
    }
    try {
      if (!Files.exists(key)) {
        Files.createDirectories(key.getParent());
        byte[] fresh = new byte[SecretHasher.MIN_KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        Files.write(key, fresh);
        try {
          Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system; the user's profile directory is the protection there.
        }
      }
      return new SecretHasher(Files.readAllBytes(key));
    } catch (IOException | IllegalArgumentException e) {
      throw new StateStoreException("cannot use the secret key " + keyFile + ": " + e.getMessage(),
          "check the file, or point " + ENV + " at a readable file of at least "
              + SecretHasher.MIN_KEY_BYTES + " random bytes");
    }
  }
}
