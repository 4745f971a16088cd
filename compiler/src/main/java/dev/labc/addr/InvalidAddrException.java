package dev.labc.addr;

/**
 * Text that is not a valid address. The message names the input, the column (1-based) and what
 * was expected there, e.g. {@code invalid address "node.gpu-07.file[/etc]": at column 18: expected
 * a quoted key like ["/etc/exports"]}.
 */
public final class InvalidAddrException extends IllegalArgumentException {
  private final String input;
  private final int column;
  private final String reason;

  public InvalidAddrException(String input, int column, String reason) {
    super("invalid address \"" + input + "\": at column " + column + ": " + reason);
    this.input = input;
    this.column = column;
    this.reason = reason;
  }

  public String input() {
    return input;
  }

  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
