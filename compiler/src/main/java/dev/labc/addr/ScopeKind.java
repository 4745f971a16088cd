package dev.labc.addr;

/** What a resource lives on. Declaration order is the address order: nodes before clusters. */
public enum ScopeKind {
  NODE("node"),
  CLUSTER("cluster");

  private final String keyword;

  ScopeKind(String keyword) {
    this.keyword = keyword;
  }

  /** The word that starts an address of this kind ({@code node}, {@code cluster}). */
  public String keyword() {
    return keyword;
  }

  static ScopeKind ofKeyword(String word) {
    for (ScopeKind kind : values()) {
      if (kind.keyword.equals(word)) {
        return kind;
      }
    }
    return null;
  }
}
