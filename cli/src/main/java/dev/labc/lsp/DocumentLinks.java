package dev.labc.lsp;

import dev.labc.module.ModuleResolver;
import dev.labc.source.Span;
import dev.labc.syntax.Stmt;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentLink;

/**
 * textDocument/documentLink: the path of each import, between its quotes, linked to the module's
 * file as `labc check` resolves it (a stdlib module to its read-only copy, {@link StdlibFiles}).
 * A path that resolves to nothing gets no link; its diagnostic says why.
 */
final class DocumentLinks {
  private DocumentLinks() {}

  static List<DocumentLink> of(Analysis analysis, ModuleResolver modules, Locations locations) {
    var out = new ArrayList<DocumentLink>();
    for (Stmt s : analysis.tree().statements()) {
      if (!(s instanceof Stmt.Import im) || im.path().literalValue() == null) continue;
      Span quoted = im.path().span();
      Span inside = quoted.end() - quoted.start() >= 2 ? new Span(quoted.file(), quoted.start() + 1, quoted.end() - 1) : quoted;
      modules.resolve(im.path().literalValue(), analysis.file())
          .flatMap(read -> locations.uriOf(read.file()))
          .ifPresent(uri -> out.add(new DocumentLink(Positions.range(inside), uri)));
    }
    return out;
  }
}
