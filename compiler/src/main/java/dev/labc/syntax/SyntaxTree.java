package dev.labc.syntax;

import dev.labc.diag.Diagnostic;
import dev.labc.source.SourceFile;
import java.util.List;

/**
 * The result of parsing one file: always a tree (partial when the file has errors), the
 * comments (for the formatter and documentation), and the syntax diagnostics.
 */
public record SyntaxTree(SourceFile file, List<Stmt> statements, List<Comment> comments, List<Diagnostic> diagnostics) {
  public SyntaxTree {
    statements = List.copyOf(statements);
    comments = List.copyOf(comments);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean ok() { return diagnostics.stream().noneMatch(Diagnostic::isError); }
}
