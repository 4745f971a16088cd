package dev.labc.cli;

import dev.labc.runtime.apply.ApplyEngine;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Apply progress on stderr. On a terminal: one line per host (name, a bar, steps done of total,
 * the current step), redrawn in place at most ten times a second. Otherwise: a plain line per
 * batch started or failed, which logs and CI read well.
 */
final class ProgressDisplay implements ApplyEngine.Progress {
  private record HostLine(int finished, int total, String current) {}

  private final PrintStream out;
  private final boolean terminal;
  private final Map<String, HostLine> hosts = new TreeMap<>();
  private int drawnLines;
  private long lastDraw;

  ProgressDisplay(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  static ProgressDisplay forStderr() {
    return new ProgressDisplay(System.err, Terminal.colorStderr());
  }

  @Override
  public synchronized void update(String host, int finished, int total, String current) {
    if (!terminal) {
      if (!current.isEmpty()) out.println(host + ": " + finished + "/" + total + (current.equals("failed") ? " failed" : " " + current));
      return;
    }
    hosts.put(host, new HostLine(finished, total, current.isEmpty() ? (finished == total ? "done" : "") : current));
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && finished != total) return;
    lastDraw = now;
    draw();
  }

  /** The last frame, so the final state of every host stays on screen. */
  synchronized void finish() {
    if (terminal && !hosts.isEmpty()) draw();
  }

  private void draw() {
    var sb = new StringBuilder();
    if (drawnLines > 0) sb.append("\033[").append(drawnLines).append('F'); // back to the first line of the last frame
    int width = hosts.keySet().stream().mapToInt(String::length).max().orElse(4);
    for (var e : hosts.entrySet()) {
      HostLine h = e.getValue();
      int filled = h.total() == 0 ? 20 : 20 * h.finished() / h.total();
      sb.append("\033[2K").append(String.format("%-" + width + "s [", e.getKey())).append("#".repeat(filled)).append(" ".repeat(20 - filled))
          .append(String.format("] %d/%d %s", h.finished(), h.total(), h.current())).append('\n');
    }
    drawnLines = hosts.size();
    out.print(sb);
    out.flush();
  }
}
