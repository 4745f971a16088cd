package dev.labc.cli;

import java.util.List;

/** A `--format` value checked against the ones a command prints: an unknown one is a usage error, never a silent fallback. */
final class FormatOption {
  private FormatOption() {}

  /** True when {@code value} is one of {@code known}; else prints the error, with the closest one, and returns false. */
  static boolean known(String value, List<String> known) {
    if (known.contains(value)) return true;
    String hint = dev.labc.diag.Spelling.didYouMean(value, known);
    System.err.println("error: --format " + value + ": not a format; the formats are " + String.join(", ", known));
    if (hint != null) System.err.println("  hint: " + hint);
    return false;
  }
}
