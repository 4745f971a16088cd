package dev.labc.diag;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance, bounded by word length as Starlark does. */
public final class Spelling {
  private Spelling() {}

  public static Optional<String> suggest(String word, Collection<String> candidates) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    int maxDist = Math.max(1, Math.min(3, (word.length() + 1) / 3));
    String lower = word.toLowerCase();
    // One pass, no sort: with thousands of names in scope the sort was most of the cost.
    // Ties go to the alphabetically first candidate, as the sorted scan chose.
    for (String c : candidates) {
      if (c.equals(word) || Math.abs(c.length() - word.length()) > maxDist) continue;
      int d = distance(lower, c.toLowerCase());
      if (d <= maxDist && (d < bestDist || d == bestDist && c.compareTo(best) < 0)) { best = c; bestDist = d; }
    }
    return Optional.ofNullable(best);
  }

  /** A hint sentence, or null when nothing is close. */
  public static String didYouMean(String word, Collection<String> candidates) {
    return suggest(word, candidates).map(s -> "did you mean `" + s + "`?").orElse(null);
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3) return Integer.MAX_VALUE / 2;
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
