package dev.labc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The usage pages of labc and its commands, rendered by picocli at build time
 * ({@link HelpPagesWriter}, run by cli/pom.xml) and read back here without loading picocli: a
 * start that only prints help then costs a JVM start and one resource read (bench/README.md,
 * "Start-up"). HelpPagesTest holds every page to what picocli prints for the same command line.
 */
final class HelpPages {
  private HelpPages() {}

  /** Where the pages live in the jar, beside this class. */
  static final String DIR = "help/";

  /** The resource, relative to this class, that holds a page plain or in colour (HelpPagesWriter writes it there). */
  static String resource(String page, boolean color) {
    // String.concat, not +: the first `+` in a JVM spins method handles (StringConcatFactory), ~15 ms.
    return DIR.concat(page).concat(color ? ".ansi.txt" : ".txt");
  }

  /**
   * The page these arguments ask for, or null when they ask for something else (or for a page this
   * build has not rendered, then picocli answers): {@code labc}, {@code labc -h|--help},
   * {@code labc -V|--version}, {@code labc CMD... -h|--help} and {@code labc help [CMD...]}.
   */
  static String lookup(boolean color, String... args) {
    String page = pageName(args);
    return page == null ? null : read(resource(page, color));
  }

  /** The page's name ("labc", "labc-state-list", "version") for these arguments, or null. */
  static String pageName(String... args) {
    int n = args.length;
    if (n == 0) return "labc";
    if (n == 1 && (args[0].equals("-V") || args[0].equals("--version"))) return "version";
    if (args[n - 1].equals("-h") || args[n - 1].equals("--help")) return commandPage(args, 0, n - 1);
    if (args[0].equals("help")) return commandPage(args, 1, n);
    return null;
  }

  /** "labc" followed by args[from..to), when each of those can be a command's name. */
  private static String commandPage(String[] args, int from, int to) {
    var name = new StringBuilder("labc");
    for (int i = from; i < to; i++) {
      if (!isCommandName(args[i])) return null;
      name.append('-').append(args[i]);
    }
    return name.toString();
  }

  /** Command names are lower-case words joined by '-'; anything else (a file, an option) is not one. */
  static boolean isCommandName(String s) {
    if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-') return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c == '-')) return false;
    }
    return true;
  }

  private static String read(String resource) {
    try (InputStream in = HelpPages.class.getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null; // picocli renders the page instead
    }
  }
}
