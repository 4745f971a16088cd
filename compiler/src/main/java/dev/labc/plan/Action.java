package dev.labc.plan;

/** What a plan does to one resource, with the marker plans show for it. */
public enum Action {
  NO_OP(" ", "no-op"), CREATE("+", "create"), UPDATE("~", "update"), REPLACE("-/+", "replace"), DELETE("-", "delete");

  public final String marker;
  public final String word;

  Action(String marker, String word) {
    this.marker = marker;
    this.word = word;
  }
}
