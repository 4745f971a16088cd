package dev.labc.addr;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The node or cluster a resource belongs to, e.g. {@code node.gpu-07} or {@code cluster.rke2}.
 * State is stored one file per scope, so this is also the unit of merging in git.
 */
public record Scope(ScopeKind kind, String name) implements Comparable<Scope> {
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  public Scope {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid " + kind.keyword() + " name \"" + name + "\": names match [A-Za-z_][A-Za-z0-9_-]*");
    }
  }

  public static Scope node(String name) {
    return new Scope(ScopeKind.NODE, name);
  }

  public static Scope cluster(String name) {
    return new Scope(ScopeKind.CLUSTER, name);
  }

  /** Parses {@code node.NAME} or {@code cluster.NAME}; the inverse of {@link #toString()}. */
  public static Scope parse(String text) {
    AddrParser parser = new AddrParser(text);
    Scope scope = parser.scope();
    parser.end();
    return scope;
  }

  /** The address of a resource of {@code type} in this scope with no key. */
  public ResourceAddr resource(String type) {
    return new ResourceAddr(this, type, null);
  }

  /** The address of a resource of {@code type} in this scope with {@code key}. */
  public ResourceAddr resource(String type, String key) {
    return new ResourceAddr(this, type, Objects.requireNonNull(key, "key"));
  }

  @Override
  public int compareTo(Scope other) {
    if (this == other) return 0;
    int c = kind.compareTo(other.kind);
    return c != 0 ? c : name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return kind.keyword() + "." + name;
  }
}
