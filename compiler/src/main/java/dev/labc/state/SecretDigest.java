package dev.labc.state;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a secret would be, state holds this: an HMAC-SHA256 of the secret under a key kept outside
 * the state repository (see {@link SecretHasher}). Equal digests under the same key mean the secret
 * did not change; the digest alone does not reveal the secret, even to someone with the repository.
 *
 * @param keyId a short fingerprint of the key, so a changed key is told apart from a changed secret
 * @param hmac the 64 lowercase hex digits of the HMAC
 */
public record SecretDigest(String keyId, String hmac) implements Value {
  public static final String ALGORITHM = "hmac-sha256";
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern HMAC = Pattern.compile("[0-9a-f]{64}");

  public SecretDigest {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(hmac, "hmac");
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("secret key id must be 16 lowercase hex digits, got \"" + keyId + "\"");
    }
    if (!HMAC.matcher(hmac).matches()) {
      throw new IllegalArgumentException("secret digest must be 64 lowercase hex digits");
    }
  }

  /** The text form used in state files: {@code hmac-sha256:KEYID:HMAC}. */
  public String encoded() {
    return ALGORITHM + ":" + keyId + ":" + hmac;
  }

  /** Inverse of {@link #encoded()}. */
  public static SecretDigest decode(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3 || !parts[0].equals(ALGORITHM)) {
      throw new IllegalArgumentException(
          "expected a secret digest of the form " + ALGORITHM + ":KEYID:HMAC");
    }
    return new SecretDigest(parts[1], parts[2]);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    // Never printed as the digest in logs by accident; the digest is not secret, but it is noise.
    return "SecretDigest[" + keyId + "]";
  }
}
