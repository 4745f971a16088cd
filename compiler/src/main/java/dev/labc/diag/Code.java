package dev.labc.diag;

/**
 * Stable diagnostic codes. The number is what users search for ({@code E0103}); the slug says
 * what it is ({@code syntax/unterminated-string}). Grouped by stage: E01xx syntax, E02xx names
 * and modules, E03xx types and evaluation, E04xx cluster checks, E05xx plan and state.
 * Each code has a page in {@code docs/diagnostics.md}.
 */
public enum Code {
  // syntax
  UNEXPECTED_TOKEN("E0101", "syntax/unexpected-token"),
  UNEXPECTED_CHARACTER("E0102", "syntax/unexpected-character"),
  UNTERMINATED_STRING("E0103", "syntax/unterminated-string"),
  UNTERMINATED_COMMENT("E0104", "syntax/unterminated-comment"),
  UNTERMINATED_HEREDOC("E0105", "syntax/unterminated-heredoc"),
  INVALID_ESCAPE("E0106", "syntax/invalid-escape"),
  UNKNOWN_UNIT("E0107", "syntax/unknown-unit"),
  INVALID_NUMBER("E0108", "syntax/invalid-number"),
  INVALID_ADDRESS("E0109", "syntax/invalid-address"),
  NESTING_TOO_DEEP("E0110", "syntax/nesting-too-deep"),
  INVALID_ENCODING("E0111", "syntax/invalid-encoding"),
  MISPLACED_DECLARATION("E0112", "syntax/misplaced-declaration"),
  COMMENT_IN_EXPRESSION("E0113", "format/comment-in-expression"),
  TOO_MANY_ERRORS("E0199", "syntax/too-many-errors"),
  // files
  FILE_NOT_FOUND("E0201", "file/not-found"),
  FILE_UNREADABLE("E0202", "file/unreadable"),
  FILE_TOO_LARGE("E0203", "file/too-large");

  private final String id;
  private final String slug;

  Code(String id, String slug) { this.id = id; this.slug = slug; }

  public String id() { return id; }
  public String slug() { return slug; }
}
