package dev.labc.cli;

import dev.labc.diag.Diagnostic;
import dev.labc.source.SourceFile;
import dev.labc.syntax.SourceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the files named on the command line, keeping the paths as the user typed them. */
final class SourceInputs {
  final List<SourceFile> files = new ArrayList<>();
  final List<Diagnostic> diagnostics = new ArrayList<>();

  static SourceInputs read(List<Path> paths) {
    var in = new SourceInputs();
    for (Path p : paths) {
      var r = SourceReader.read(p, p.toString());
      in.diagnostics.addAll(r.diagnostics());
      if (r.file() != null) in.files.add(r.file());
    }
    return in;
  }
}
