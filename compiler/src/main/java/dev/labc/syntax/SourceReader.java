package dev.labc.syntax;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a source file as UTF-8. Invalid bytes do not stop the read: they become U+FFFD and an
 * error at their line and column, so the rest of the file is still checked.
 */
public final class SourceReader {
  /** Larger inputs are refused: a cluster description is never this big, junk often is. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;

  private SourceReader() {}

  /** A read file, or only diagnostics when it could not be read at all. */
  public record Read(SourceFile file, List<Diagnostic> diagnostics) {}

  public static Read read(Path path, String displayPath) {
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        return failed(Code.FILE_UNREADABLE, displayPath + " is a directory", "give the path of a .lab file");
      }
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        return failed(Code.FILE_TOO_LARGE, displayPath + " is " + size / (1024 * 1024) + " MiB; the limit is 64 MiB",
            "check that this is the .lab file you meant");
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return failed(Code.FILE_NOT_FOUND, "file not found: " + displayPath, "check the path");
    } catch (IOException e) {
      return failed(Code.FILE_UNREADABLE, "cannot read " + displayPath + ": " + e.getMessage(), null);
    }
    return decode(bytes, displayPath);
  }

  public static Read decode(byte[] bytes, String displayPath) {
    var firstBad = new ArrayList<Integer>();
    String text = decodeUtf8(bytes, firstBad);
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    SourceFile file = new SourceFile(displayPath, text);
    if (firstBad.isEmpty()) return new Read(file, List.of());
    int at = firstBad.get(0);
    var d = Diagnostic.error(Code.INVALID_ENCODING, file.span(at, Math.min(at + 1, text.length())),
        "invalid UTF-8" + (firstBad.size() > 1 ? " (" + firstBad.size() + " places; first shown)" : ""),
        "save the file as UTF-8; .lab files are UTF-8 text");
    return new Read(file, List.of(d));
  }

  private static Read failed(Code code, String message, String hint) {
    return new Read(null, List.of(new Diagnostic(dev.labc.diag.Severity.ERROR, code, null, message, hint, List.of())));
  }

  /** Decodes with U+FFFD for bad input, recording the char offsets where replacements went. */
  private static String decodeUtf8(byte[] bytes, List<Integer> badOffsets) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 16);
    while (true) {
      CoderResult r = dec.decode(in, out, true);
      if (r.isUnderflow()) break;
      if (r.isError()) {
        badOffsets.add(out.position());
        out.put('\uFFFD');
        in.position(in.position() + r.length());
        continue;
      }
      if (r.isOverflow()) {
        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
        out.flip();
        bigger.put(out);
        out = bigger;
      }
    }
    dec.flush(out);
    out.flip();
    return out.toString();
  }
}
