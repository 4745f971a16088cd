package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/**
 * Quick fixes as an editor uses them: the diagnostics labc published go back with
 * textDocument/codeAction, the edit of the action chosen is applied, and labc checks the result.
 */
class LspQuickFixTest extends LspServerTest {

  private List<CodeAction> actions(Path file, List<Diagnostic> diagnostics) throws Exception {
    var params = new CodeActionParams(new TextDocumentIdentifier(LspSession.uri(file)), new Range(new Position(0, 0), new Position(0, 0)),
        new CodeActionContext(diagnostics));
    return LspSession.get(lsp.remote.getTextDocumentService().codeAction(params)).stream().map(Either::getRight).toList();
  }

  /** The text with an action's edits to this file applied (last edit first, so offsets hold). */
  private static String apply(String text, Path file, CodeAction action) {
    var edits = new ArrayList<TextEdit>(action.getEdit().getChanges().get(LspSession.uri(file)));
    edits.sort(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
        .thenComparing(e -> e.getRange().getStart().getCharacter()).reversed());
    var lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (TextEdit e : edits) {
      Position s = e.getRange().getStart(), end = e.getRange().getEnd();
      String joined = lines.get(s.getLine()).substring(0, s.getCharacter()) + e.getNewText() + lines.get(end.getLine()).substring(end.getCharacter());
      for (int l = end.getLine(); l > s.getLine(); l--) lines.remove(l);
      lines.remove(s.getLine());
      lines.addAll(s.getLine(), List.of(joined.split("\n", -1)));
    }
    return String.join("\n", lines);
  }

  private static List<String> codes(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.getCode().getLeft()).sorted().toList();
  }

  @Test
  void didYouMeanAndAMissingAttributeAreFixedAsLabcSuggests() throws Exception {
    Path file = dir.resolve("cluster.lab");
    String text = """
        node head {
          adress = "10.0.1.10"
        }
        """;
    lsp.open(file, text);
    List<Diagnostic> ds = lsp.diagnosticsFor(file).getDiagnostics();
    assertEquals(List.of("E0209", "E0210"), codes(ds));

    List<CodeAction> fixes = actions(file, ds);
    assertEquals(List.of("Add `address = ...`", "Change to `address`"), fixes.stream().map(CodeAction::getTitle).sorted().toList());
    CodeAction rename = fixes.stream().filter(a -> a.getTitle().startsWith("Change")).findFirst().orElseThrow();
    assertEquals("quickfix", rename.getKind());

    // The spelling fix alone makes the file check clean: the misspelt name was the missing attribute.
    String fixed = apply(text, file, rename);
    assertEquals("node head {\n  address = \"10.0.1.10\"\n}\n", fixed);
    lsp.change(file, 2, fixed);
    assertEquals(List.of(), codes(lsp.diagnosticsFor(file).getDiagnostics()));
  }

  @Test
  void aMissingAttributeGetsItsNameOnANewLineAtTheEndOfItsBlock() throws Exception {
    Path file = dir.resolve("cluster.lab");
    String text = """
        node head {
          ssh_user = "root" // "}" in a comment and a string: not the block's end
        }

        node gpu {
          address = "10.0.1.11"
        }
        """;
    lsp.open(file, text);
    List<Diagnostic> ds = lsp.diagnosticsFor(file).getDiagnostics();
    assertEquals(List.of("E0210"), codes(ds));
    List<CodeAction> fixes = actions(file, ds);
    assertEquals(1, fixes.size(), fixes.toString());
    String fixed = apply(text, file, fixes.get(0));
    assertTrue(fixed.startsWith("node head {\n  ssh_user = \"root\" // \"}\" in a comment and a string: not the block's end\n  address = \n}\n"), fixed);
    // What is left is the value to type; with it the file checks clean.
    lsp.change(file, 2, fixed.replace("address = \n", "address = \"10.0.1.10\"\n"));
    assertEquals(List.of(), codes(lsp.diagnosticsFor(file).getDiagnostics()));
  }

  @Test
  void noDiagnosticsNoActions() throws Exception {
    Path file = dir.resolve("cluster.lab");
    lsp.open(file, "node head {\n  address = \"10.0.1.10\"\n}\n");
    assertEquals(List.of(), lsp.diagnosticsFor(file).getDiagnostics());
    assertEquals(List.of(), actions(file, List.of()));
  }
}
