package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Find references and rename of lets, params and blocks in one document: only what resolves to the declaration. */
class LspRenameTest extends LspServerTest {
  Path file;

  static final String TEXT = """
      let lan = 10.0.1.0/24
      param n: int = 2

      node head {
        address = cidrhost(lan, 10)
      }

      node gpu {
        // lan, n and head in a comment are no references
        address  = cidrhost(lan, 11 + n)
        hostname = "lan"
      }

      let ctl = head
      """;

  @BeforeEach
  void openFixture() throws Exception {
    file = dir.resolve("cluster.lab");
    lsp.open(file, TEXT);
    lsp.diagnosticsFor(file);
  }

  private TextDocumentIdentifier doc() { return new TextDocumentIdentifier(LspSession.uri(file)); }

  private List<Position> references(Position at) throws Exception {
    List<? extends Location> ls = LspSession.get(lsp.remote.getTextDocumentService().references(new ReferenceParams(doc(), at, new ReferenceContext(true))));
    return ls.stream().map(l -> l.getRange().getStart()).toList();
  }

  private static String apply(String text, WorkspaceEdit edit, String uri) {
    var edits = new ArrayList<TextEdit>(edit.getChanges().get(uri));
    edits.sort(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine()).thenComparing(e -> e.getRange().getStart().getCharacter()).reversed());
    var lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (TextEdit e : edits) {
      int l = e.getRange().getStart().getLine();
      String line = lines.get(l);
      lines.set(l, line.substring(0, e.getRange().getStart().getCharacter()) + e.getNewText() + line.substring(e.getRange().getEnd().getCharacter()));
    }
    return String.join("\n", lines);
  }

  @Test
  void referencesOfALetAreItsDeclarationAndItsUsesNotComments() throws Exception {
    assertEquals(List.of(new Position(0, 4), new Position(4, 21), new Position(9, 22)), references(Texts.at(TEXT, "lan")));
    // From a use as from the declaration.
    assertEquals(List.of(new Position(1, 6), new Position(9, 32)), references(new Position(9, 32)));
    assertEquals(List.of(new Position(3, 5), new Position(13, 10)), references(new Position(13, 10)));
  }

  @Test
  void renamingALetAParamAndABlockChecksCleanAfterwards() throws Exception {
    String uri = LspSession.uri(file);
    String text = TEXT;
    for (var rename : List.of(List.of("lan", "net"), List.of("n", "offset"), List.of("head", "login"))) {
      Position at = Texts.at(text, rename.get(0) + (rename.get(0).equals("n") ? ":" : rename.get(0).equals("head") ? " {" : " ="));
      assertTrue(LspSession.get(lsp.remote.getTextDocumentService().prepareRename(new PrepareRenameParams(doc(), at))) != null, rename.toString());
      WorkspaceEdit edit = LspSession.get(lsp.remote.getTextDocumentService().rename(new RenameParams(doc(), at, rename.get(1))));
      text = apply(text, edit, uri);
    }
    assertTrue(text.contains("let net = 10.0.1.0/24") && text.contains("cidrhost(net, 11 + offset)") && text.contains("node login {")
        && text.contains("let ctl = login"), text);
    assertTrue(text.contains("// lan, n and head in a comment") && text.contains("hostname = \"lan\""), "comments and strings untouched: " + text);
    lsp.change(file, 2, text);
    assertEquals(List.of(), lsp.diagnosticsFor(file).getDiagnostics());
  }

  @Test
  void aBuiltinIsNotRenamedAndANewNameMustBeAName() throws Exception {
    assertNull(LspSession.get(lsp.remote.getTextDocumentService().prepareRename(new PrepareRenameParams(doc(), Texts.at(TEXT, "cidrhost")))));
    var bad = lsp.remote.getTextDocumentService().rename(new RenameParams(doc(), Texts.at(TEXT, "lan"), "1x"));
    var e = assertThrows(ExecutionException.class, () -> LspSession.get(bad));
    assertTrue(e.getCause().getMessage().contains("is not a name"), e.getCause().getMessage());
  }
}
