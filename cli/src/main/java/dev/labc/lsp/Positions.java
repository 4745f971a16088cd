package dev.labc.lsp;

import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Converts between labc's locations and LSP's. labc keeps character offsets and derives 1-based
 * lines and columns counted in UTF-16 units; LSP positions are 0-based lines and UTF-16
 * characters (its default encoding), so the conversion is a shift by one, never a recount.
 */
final class Positions {
  private Positions() {}

  static Position position(SourceFile file, int offset) {
    dev.labc.source.Position p = file.position(offset);
    return new Position(p.line() - 1, p.column() - 1);
  }

  static Range range(Span span) {
    return new Range(position(span.file(), span.start()), position(span.file(), span.end()));
  }

  /** The whole text, for edits that replace a document. */
  static Range whole(SourceFile file) {
    return new Range(new Position(0, 0), position(file, file.text().length()));
  }

  /** The offset of an LSP position; a line or character past the end is clamped, as the protocol asks. */
  static int offset(SourceFile file, Position p) {
    int line = p.getLine() + 1;
    if (line < 1) return 0;
    if (line > file.lineCount()) return file.text().length();
    int length = file.line(line).length();
    return file.lineStart(line) + Math.max(0, Math.min(p.getCharacter(), length));
  }
}
