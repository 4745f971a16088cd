package dev.labc.lsp;

import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.module.ModuleResolver;
import dev.labc.syntax.SourceReader;
import dev.labc.source.Span;
import dev.labc.syntax.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * labc diagnostics as LSP diagnostics of one document. A problem in another file (an imported
 * module) is shown on the import that brings that file in, with its real place as related
 * information; one without a place (a `--var` problem) at the top of the file.
 */
final class LspDiagnostics {
  private LspDiagnostics() {}

  static List<org.eclipse.lsp4j.Diagnostic> of(Analysis analysis, Locations locations, ModuleResolver modules) {
    var out = new ArrayList<org.eclipse.lsp4j.Diagnostic>();
    for (Diagnostic d : analysis.diagnostics()) {
      Span span = d.span();
      boolean here = span != null && (span.file() == analysis.file() || span.file().path().equals(analysis.file().path()));
      Range range;
      String message = d.message();
      if (here) {
        range = Positions.range(span);
      } else if (span != null) {
        range = importBringing(analysis, span, modules).map(Positions::range).orElse(new Range(new Position(0, 0), new Position(0, 0)));
        message = span + ": " + message;
      } else {
        range = new Range(new Position(0, 0), new Position(0, 0));
      }
      if (d.hint() != null) message += "\nhelp: " + d.hint();
      var lsp = new org.eclipse.lsp4j.Diagnostic(range, message, severity(d), "labc", d.code().id());
      var related = new ArrayList<DiagnosticRelatedInformation>();
      if (span != null && !here) locations.location(span).ifPresent(l -> related.add(new DiagnosticRelatedInformation(l, "the problem is here")));
      for (Related r : d.related()) {
        if (r.span() != null) locations.location(r.span()).ifPresent(l -> related.add(new DiagnosticRelatedInformation(l, r.message())));
      }
      if (!related.isEmpty()) lsp.setRelatedInformation(related);
      out.add(lsp);
    }
    return out;
  }

  private static DiagnosticSeverity severity(Diagnostic d) {
    return switch (d.severity()) {
      case ERROR -> DiagnosticSeverity.Error;
      case WARNING -> DiagnosticSeverity.Warning;
      case NOTE -> DiagnosticSeverity.Information;
    };
  }

  /** The import of this document that loads the span's file directly, else its first import. */
  private static Optional<Span> importBringing(Analysis analysis, Span span, ModuleResolver modules) {
    Span first = null;
    for (Stmt s : analysis.tree().statements()) {
      if (!(s instanceof Stmt.Import im)) continue;
      if (first == null) first = im.span();
      String path = im.path().literalValue();
      if (path == null) continue;
      Optional<SourceReader.Read> read = modules.resolve(path, analysis.file());
      if (read.isPresent() && read.get().file() != null && read.get().file().path().equals(span.file().path())) return Optional.of(im.span());
    }
    return Optional.ofNullable(first);
  }
}
