package dev.labc.plan;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by lines (LCS), with three lines of context, for file contents in plans. */
public final class LineDiff {
  private LineDiff() {}

  public static List<String> unified(String before, String after) {
    String[] a = before.split("\n", -1), b = after.split("\n", -1);
    int n = a.length, m = b.length;
    if ((long) n * m > 4_000_000L) return List.of("@@ content changed (" + n + " -> " + m + " lines; too large to diff) @@");
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) for (int j = m - 1; j >= 0; j--) lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    record Op(char kind, String line, int ai, int bi) {}
    var ops = new ArrayList<Op>();
    int i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i].equals(b[j])) { ops.add(new Op(' ', a[i], i++, j++)); }
      // On a tie, removed lines come before added ones, as in diff -u.
      else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) { ops.add(new Op('-', a[i], i++, j)); }
      else { ops.add(new Op('+', b[j], i, j++)); }
    }
    var out = new ArrayList<String>();
    int k = 0;
    while (k < ops.size()) {
      if (ops.get(k).kind() == ' ') { k++; continue; }
      int start = Math.max(0, k - 3), end = k;
      // extend the hunk while changes are within 6 lines of each other
      int last = k;
      for (int x = k; x < ops.size(); x++) {
        if (ops.get(x).kind() != ' ') last = x;
        else if (x - last > 6) break;
      }
      end = Math.min(ops.size(), last + 4);
      int aStart = ops.get(start).ai() + 1, bStart = ops.get(start).bi() + 1;
      int aLen = 0, bLen = 0;
      for (int x = start; x < end; x++) { if (ops.get(x).kind() != '+') aLen++; if (ops.get(x).kind() != '-') bLen++; }
      out.add("@@ -" + aStart + "," + aLen + " +" + bStart + "," + bLen + " @@");
      for (int x = start; x < end; x++) out.add(ops.get(x).kind() + ops.get(x).line());
      k = end;
    }
    return out;
  }
}
