package dev.labc.addr;

import java.util.Comparator;

/**
 * The order people expect for names with numbers in them: {@code infer-2} before {@code infer-10}.
 * For what people read (plans, graphs); state, saved plans and apply order keep {@link
 * ResourceAddr#compareTo}, so files and JSON do not change. Runs of digits compare by value, then
 * equal-valued runs and everything else by text, so the order is total and consistent with equals.
 */
public final class NaturalOrder {
  private NaturalOrder() {}

  public static final Comparator<String> TEXT = NaturalOrder::compareText;

  public static final Comparator<Scope> SCOPES = (a, b) -> {
    int c = a.kind().compareTo(b.kind());
    return c != 0 ? c : compareText(a.name(), b.name());
  };

  public static final Comparator<ResourceAddr> ADDRESSES = (a, b) -> {
    int c = SCOPES.compare(a.scope(), b.scope());
    if (c != 0) return c;
    c = compareText(a.type(), b.type());
    if (c != 0) return c;
    if (a.key() == null || b.key() == null) return a.key() == b.key() ? 0 : a.key() == null ? -1 : 1;
    return compareText(a.key(), b.key());
  };

  static int compareText(String a, String b) {
    int i = 0, j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i), y = b.charAt(j);
      if (isDigit(x) && isDigit(y)) {
        int ei = runEnd(a, i), ej = runEnd(b, j);
        // Compare by value: skip leading zeros, then the longer run is larger, then digit by digit.
        int si = i, sj = j;
        while (si < ei - 1 && a.charAt(si) == '0') si++;
        while (sj < ej - 1 && b.charAt(sj) == '0') sj++;
        int c = Integer.compare(ei - si, ej - sj);
        if (c == 0) c = a.substring(si, ei).compareTo(b.substring(sj, ej));
        if (c != 0) return c;
        i = ei;
        j = ej;
      } else {
        if (x != y) return Character.compare(x, y);
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    // Equal by value but spelled differently (gpu-01, gpu-1): plain text decides, so only equal strings tie.
    return c != 0 ? c : a.compareTo(b);
  }

  private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

  private static int runEnd(String s, int from) {
    int k = from;
    while (k < s.length() && isDigit(s.charAt(k))) k++;
    return k;
  }
}
