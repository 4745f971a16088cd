package dev.labc.plan;

import dev.labc.addr.NaturalOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Node names as people write them for a set of machines: {@code infer-1..32, storage-1, train-1..64}.
 * Names in natural order; three or more consecutive numbers after one prefix become a range. Node
 * names never contain {@code .} or {@code ,}, so {@link #parse} gives back exactly the names.
 */
public final class NodeRanges {
  private NodeRanges() {}

  // A trailing number without leading zeros: gpu-01..03 is not a range people would read back.
  private static final Pattern NUMBERED = Pattern.compile("(.*?)(0|[1-9][0-9]{0,8})");
  private static final Pattern RANGE = Pattern.compile("(.*?)(0|[1-9][0-9]{0,8})\\.\\.([1-9][0-9]{0,8})");

  public static String compress(Collection<String> names) {
    var sorted = new ArrayList<>(names);
    sorted.sort(NaturalOrder.TEXT);
    var parts = new ArrayList<String>();
    int i = 0;
    while (i < sorted.size()) {
      var m = NUMBERED.matcher(sorted.get(i));
      int j = i + 1;
      if (m.matches()) {
        String prefix = m.group(1);
        long first = Long.parseLong(m.group(2));
        while (j < sorted.size() && sorted.get(j).equals(prefix + (first + (j - i)))) j++;
      }
      if (j - i >= 3) {
        parts.add(sorted.get(i) + ".." + (Long.parseLong(m.group(2)) + (j - i - 1)));
      } else {
        j = i + 1;
        parts.add(sorted.get(i));
      }
      i = j;
    }
    return String.join(", ", parts);
  }

  /** The names a {@link #compress}ed list stands for, in its order. */
  public static List<String> parse(String ranges) {
    var out = new ArrayList<String>();
    if (ranges.isEmpty()) return out;
    for (String part : ranges.split(", ", -1)) {
      var m = RANGE.matcher(part);
      if (m.matches()) {
        for (long n = Long.parseLong(m.group(2)); n <= Long.parseLong(m.group(3)); n++) out.add(m.group(1) + n);
      } else {
        out.add(part);
      }
    }
    return out;
  }
}
