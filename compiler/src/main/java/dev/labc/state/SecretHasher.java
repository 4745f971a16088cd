package dev.labc.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a secret into the {@link SecretDigest} stored in state: HMAC-SHA256 under a key that lives
 * outside the state repository ({@code ~/.config/labc/secret-key} or {@code LABC_SECRET_KEY_FILE};
 * loading it is the runtime's job). A plain hash would let anyone with the repository test guesses
 * of short secrets such as passwords; the key stops that.
 */
public final class SecretHasher {
  /** Shortest key accepted: RFC 2104 advises a key no shorter than the hash output (32 bytes). */
  public static final int MIN_KEY_BYTES = 32;

  private final byte[] key;
  private final String keyId;

  public SecretHasher(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "secret key too short: " + key.length + " bytes, need at least " + MIN_KEY_BYTES);
    }
    this.key = key.clone();
    this.keyId = fingerprint(this.key);
  }

  public String keyId() {
    return keyId;
  }

  public SecretDigest digest(String secret) {
    return new SecretDigest(keyId, SecretDigest.hex(hmac(key, secret.getBytes(StandardCharsets.UTF_8))));
  }

  /** Whether {@code secret} is the one {@code digest} was made from, compared in constant time. */
  public boolean matches(SecretDigest digest, String secret) {
    return digest.keyId().equals(keyId)
        && MessageDigest.isEqual(
            digest.hmac().getBytes(StandardCharsets.US_ASCII),
            digest(secret).hmac().getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  // The id is an HMAC of a fixed label, not a hash of the key, so it says nothing about the key.
  private static String fingerprint(byte[] key) {
    byte[] mac = hmac(key, "labc secret key id".getBytes(StandardCharsets.US_ASCII));
    return SecretDigest.hex(Arrays.copyOf(mac, 8));
  }

  @Override
  public String toString() {
    return "SecretHasher[" + keyId + "]";
  }
}
