package dev.labc.cli;

/** Where output goes and whether it may be coloured: colour only on a terminal, never with NO_COLOR. */
public final class Terminal {
  private Terminal() {}

  public static boolean colorStdout() {
    return System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
  }

  /** stderr has no console check in Java; follow stdout's, which is what people see together. */
  public static boolean colorStderr() {
    return colorStdout();
  }
}
