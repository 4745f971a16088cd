package dev.labc.lsp;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/** Positions in test texts, computed from the text alone (Java strings index in UTF-16 units, as LSP counts). */
final class Texts {
  private Texts() {}

  /** Where the n-th (0-based) occurrence of {@code needle} starts. */
  static Position at(String text, String needle, int occurrence) {
    int from = -1;
    for (int i = 0; i <= occurrence; i++) {
      from = text.indexOf(needle, from + 1);
      if (from < 0) throw new AssertionError("`" + needle + "` occurs fewer than " + (occurrence + 1) + " times");
    }
    return positionOf(text, from);
  }

  static Position at(String text, String needle) { return at(text, needle, 0); }

  /** The range the n-th occurrence of {@code needle} covers. */
  static Range rangeOf(String text, String needle, int occurrence) {
    Position start = at(text, needle, occurrence);
    return new Range(start, new Position(start.getLine(), start.getCharacter() + needle.length()));
  }

  static Position positionOf(String text, int offset) {
    int line = 0, lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, offset - lineStart);
  }

  static int offsetOf(String text, Position p) {
    int offset = 0;
    for (int line = 0; line < p.getLine(); line++) offset = text.indexOf('\n', offset) + 1;
    return offset + p.getCharacter();
  }

  /** The text after applying edits, as a client applies them (non-overlapping, last first). */
  static String apply(String text, List<? extends TextEdit> edits) {
    var sorted = edits.stream().sorted((a, b) -> Integer.compare(offsetOf(text, b.getRange().getStart()), offsetOf(text, a.getRange().getStart()))).toList();
    String out = text;
    for (TextEdit e : sorted) {
      out = out.substring(0, offsetOf(text, e.getRange().getStart())) + e.getNewText() + out.substring(offsetOf(text, e.getRange().getEnd()));
    }
    return out;
  }

  /** How many times {@code word} occurs before the first {@code context} (to address the word inside it). */
  static int countBefore(String text, String context) {
    int end = text.indexOf(context);
    String word = context.split(" ")[1];
    int n = 0;
    for (int i = text.indexOf(word); i >= 0 && i < end; i = text.indexOf(word, i + 1)) n++;
    return n;
  }
}
