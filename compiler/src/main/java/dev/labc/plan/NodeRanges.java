package dev.labc.plan;

import dev.labc.addr.NaturalOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Node names as people write them for a set of machines: {@code infer-1..32, storage-1, train-1..64},
 * {@code node-01..20}. Names in natural order; three or more consecutive numbers after one prefix
 * become a range, zero-padded ones when all have the first one's width. Node names never contain
 * {@code .} or {@code ,}, so {@link #parse} gives back exactly the names.
 */
public final class NodeRanges {
  private NodeRanges() {}

  private static final Pattern NUMBERED = Pattern.compile("(.*?)([0-9]{1,18})");
  private static final Pattern RANGE = Pattern.compile("(.*?)([0-9]{1,18})\\.\\.([0-9]{1,18})");

  public static String compress(Collection<String> names) {
    var sorted = new ArrayList<>(names);
    sorted.sort(NaturalOrder.TEXT);
    var parts = new ArrayList<String>();
    int i = 0;
    while (i < sorted.size()) {
      var m = NUMBERED.matcher(sorted.get(i));
      int j = i + 1;
      if (m.matches()) {
        String prefix = m.group(1), digits = m.group(2);
        long n = Long.parseLong(digits);
        while (j < sorted.size() && sorted.get(j).equals(prefix + number(n + (j - i), digits))) j++;
        if (j - i >= 3) {
          parts.add(sorted.get(i) + ".." + number(n + (j - i - 1), digits));
          i = j;
          continue;
        }
      }
      parts.add(sorted.get(i));
      i++;
    }
    return String.join(", ", parts);
  }

  /** {@code n} written as the names of a range starting at {@code first} write it: zero-padded to its width if it is. */
  private static String number(long n, String first) {
    String s = Long.toString(n);
    boolean padded = first.length() > 1 && first.charAt(0) == '0';
    return padded && s.length() < first.length() ? "0".repeat(first.length() - s.length()) + s : s;
  }

  /** The names a {@link #compress}ed list stands for, in its order. */
  public static List<String> parse(String ranges) {
    var out = new ArrayList<String>();
    if (ranges.isEmpty()) return out;
    for (String part : ranges.split(", ", -1)) {
      var m = RANGE.matcher(part);
      if (m.matches()) {
        for (long n = Long.parseLong(m.group(2)); n <= Long.parseLong(m.group(3)); n++) out.add(m.group(1) + number(n, m.group(2)));
      } else {
        out.add(part);
      }
    }
    return out;
  }
}
