package dev.labc.cli;

import java.io.Console;

/**
 * Where output goes and whether it may be coloured: colour only on a terminal, never with
 * NO_COLOR or TERM=dumb. One rule for plans, diagnostics and the usage pages.
 */
public final class Terminal {
  private Terminal() {}

  public static boolean colorStdout() {
    return stdoutIsTerminal() && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
  }

  /**
   * The launcher says (bash's {@code [ -t 1 ]}, property labc.stdout.terminal): asking the JVM
   * means System.console(), whose provider lookup costs more (~20 ms) than printing a help page.
   */
  static boolean stdoutIsTerminal() {
    String told = System.getProperty("labc.stdout.terminal");
    return told != null ? told.equals("true") : isTerminal(System.console());
  }

  /** stderr has no console check in Java; follow stdout's, which is what people see together. */
  public static boolean colorStderr() {
    return colorStdout();
  }

  /**
   * On JDK 21 (and 25) a console exists only on a terminal; JDK 22-24 give one to every process
   * and added Console.isTerminal (not in the JDK 21 API labc compiles against) to tell.
   */
  static boolean isTerminal(Console console) {
    if (console == null) return false;
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: no isTerminal, and a console only on a terminal
    }
  }
}
