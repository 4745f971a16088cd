package dev.labc.addr;

import java.util.Objects;
import java.util.Optional;

/**
 * The address of one managed resource: a {@link Scope}, a resource type and an optional key,
 * e.g. {@code node.gpu-07.file["/etc/exports"]}, {@code node.head.hostname},
 * {@code cluster.rke2.chart["gpu-operator"]}.
 *
 * <p>{@link #toString()} is the canonical text users type and {@link #parse(String)} its exact
 * inverse. The key is written as a JSON string; any character is allowed in it. Ordering is by
 * scope (nodes before clusters, then by name), type, then key (no key first), and is consistent
 * with {@code equals}.
 *
 * @param key {@code null} when the type has one instance per scope; use {@link #keyOpt()}
 */
public record ResourceAddr(Scope scope, String type, String key) implements Comparable<ResourceAddr> {
  public ResourceAddr {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(type, "type");
    if (!Scope.NAME.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "invalid resource type \"" + type + "\": types match [A-Za-z_][A-Za-z0-9_-]*");
    }
  }

  /** Parses the canonical form; throws {@link InvalidAddrException} saying what is wrong where. */
  public static ResourceAddr parse(String text) {
    AddrParser parser = new AddrParser(text);
    ResourceAddr addr = parser.resourceAddr();
    parser.end();
    return addr;
  }

  public Optional<String> keyOpt() {
    return Optional.ofNullable(key);
  }

  /** The same type and key in another scope (a resource moved between nodes). */
  public ResourceAddr withScope(Scope newScope) {
    return new ResourceAddr(newScope, type, key);
  }

  @Override
  public int compareTo(ResourceAddr other) {
    // Written out rather than a Comparator chain: state maps of 200,000 entries are sorted and
    // searched with it on every recorded batch of an apply.
    if (this == other) return 0;
    int c = scope.compareTo(other.scope);
    if (c != 0) return c;
    c = type.compareTo(other.type);
    if (c != 0) return c;
    if (key == null || other.key == null) return key == other.key ? 0 : key == null ? -1 : 1;
    return key.compareTo(other.key);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(scope.toString()).append('.').append(type);
    if (key != null) {
      out.append('[');
      appendQuoted(out, key);
      out.append(']');
    }
    return out.toString();
  }

  /**
   * Writes {@code s} as a JSON string literal: {@code "} and {@code \} and control characters
   * escaped, and lone surrogates as {@code \\uXXXX} so the text is always valid UTF-16/UTF-8.
   */
  public static void appendQuoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          boolean loneSurrogate =
              Character.isHighSurrogate(c)
                  ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                  : Character.isLowSurrogate(c);
          if (c < 0x20 || c == 0x7f || loneSurrogate) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)) {
            out.append(c).append(s.charAt(++i));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
