package dev.labc.check;

import java.util.List;
import java.util.Locale;

/** How a check names many things in one message without naming 20,000 of them. */
final class Names {
  private Names() {}

  /** {@code a, b, c and 1,996 more}; all of them when there are no more than {@code shown}, joined with "and" if two. */
  static String some(List<String> names, int shown) {
    if (names.size() == 2 && shown >= 2) return names.get(0) + " and " + names.get(1);
    if (names.size() <= shown) return String.join(", ", names);
    return String.join(", ", names.subList(0, shown)) + String.format(Locale.ROOT, " and %,d more", names.size() - shown);
  }
}
