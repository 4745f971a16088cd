package dev.labc.state;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * A text long enough to be stored once and referenced by its SHA-256 digest, in state files and in
 * saved plans: every node carries the whole-cluster {@code /etc/hosts} block, so written out per
 * node, 10,000 nodes would make both files grow with the square of the node count.
 *
 * <p>Digests are remembered by content, weakly, so a write after a read (or the next of an apply's
 * many writes) finds the digest of a text it has seen instead of hashing 200 KB again; the text's
 * own cached hash code makes the lookup cheap for the one shared instance a read produces.
 */
public final class LargeText {
  /** Texts of at least this many chars (UTF-16 code units) are stored by digest. */
  public static final int THRESHOLD = 4096;

  /** How a digest is written: {@code sha256:} and 64 lowercase hex digits of the UTF-8 bytes' hash. */
  public static final String PREFIX = "sha256:";

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  /** Stands for "not storable" in the cache (a lone surrogate has no UTF-8 form). */
  private static final String NOT_STORABLE = "";
  private static final Map<String, String> DIGESTS = Collections.synchronizedMap(new WeakHashMap<>());

  private LargeText() {}

  /**
   * The digest under which {@code text} is stored, or empty when it stays inline: shorter than
   * {@link #THRESHOLD}, or not valid UTF-16 (a lone surrogate, which raw UTF-8 cannot hold but a
   * JSON escape can).
   */
  public static Optional<String> digestIfLarge(String text) {
    if (text.length() < THRESHOLD) {
      return Optional.empty();
    }
    String known = DIGESTS.get(text);
    if (known == null) {
      known = utf8(text).map(LargeText::sha256).orElse(NOT_STORABLE);
      DIGESTS.put(text, known);
    }
    return known.isEmpty() ? Optional.empty() : Optional.of(known);
  }

  /** The UTF-8 bytes a content file holds for {@code text} (a text {@link #digestIfLarge} stores). */
  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The text stored under {@code digest}, checked: empty if {@code bytes} do not hash to it. The
   * digest is remembered, so writing the text back does not hash it again.
   */
  public static Optional<String> verified(String digest, byte[] bytes) {
    if (!sha256(bytes).equals(digest)) {
      return Optional.empty();
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    DIGESTS.put(text, digest);
    return Optional.of(text);
  }

  /** Whether {@code s} has the form of a digest ({@code sha256:} and 64 lowercase hex digits). */
  public static boolean isDigest(String s) {
    return DIGEST.matcher(s).matches();
  }

  /** The 64 hex digits of a digest, e.g. for a file name. */
  public static String hex(String digest) {
    return digest.substring(PREFIX.length());
  }

  private static Optional<byte[]> utf8(String text) {
    try {
      ByteBuffer out = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[out.remaining()];
      out.get(bytes);
      return Optional.of(bytes);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
