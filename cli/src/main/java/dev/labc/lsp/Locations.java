package dev.labc.lsp;

import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.lsp4j.Location;

/**
 * Where a span is, as the client names files: the open document by the URI the client gave,
 * stdlib modules by their copies on disk ({@link StdlibFiles}), other modules by their paths.
 */
final class Locations {
  private final Analysis analysis;
  private final StdlibFiles stdlib;

  Locations(Analysis analysis, StdlibFiles stdlib) {
    this.analysis = analysis;
    this.stdlib = stdlib;
  }

  Optional<String> uriOf(SourceFile file) {
    if (file == analysis.file() || file.path().equals(analysis.file().path())) return Optional.of(analysis.uri());
    if (file.path().startsWith("std/")) return stdlib.file(file.path()).map(p -> p.toUri().toString());
    try {
      return Optional.of(Path.of(file.path()).toAbsolutePath().toUri().toString());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  Optional<Location> location(Span span) {
    return uriOf(span.file()).map(uri -> new Location(uri, Positions.range(span)));
  }

  /** A short "where" for hover text: the file name for this document, the module path for the stdlib. */
  String describe(Span span) {
    String path = span.file().path();
    if (span.file() == analysis.file() || path.equals(analysis.file().path()) || !path.startsWith("std/")) {
      Path p = Path.of(path).getFileName();
      path = p == null ? path : p.toString();
    }
    return path + ":" + span.begin().line();
  }
}
