package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Signature help inside a call of a built-in, with the argument being typed, while the line is half written. */
class LspSignatureHelpTest extends LspServerTest {

  private SignatureHelp helpAtEnd(String text) throws Exception {
    Path file = dir.resolve("cluster.lab");
    lsp.open(file, text);
    String[] lines = text.split("\n", -1);
    var params = new SignatureHelpParams(new TextDocumentIdentifier(LspSession.uri(file)),
        new Position(lines.length - 1, lines[lines.length - 1].length()));
    return LspSession.get(lsp.remote.getTextDocumentService().signatureHelp(params));
  }

  @Test
  void everyBuiltinAtEveryArgument() throws Exception {
    for (Builtins.Function f : Builtins.ALL) {
      int params = f.signature().substring(f.signature().indexOf('(') + 1, f.signature().indexOf(')')).split(", ").length;
      for (int k = 0; k < params; k++) {
        String typed = "let x = " + f.name() + "(" + "\"a, (b)\", ".repeat(k);
        SignatureHelp h = helpAtEnd(typed);
        assertEquals(f.signature(), h.getSignatures().get(0).getLabel(), typed);
        assertEquals(k, h.getActiveParameter(), typed);
      }
    }
  }

  @Test
  void theInnermostOpenCallCounts() throws Exception {
    assertEquals(1, helpAtEnd("let x = join(\",\", [upper(\"a\"), ").getActiveParameter());
    assertEquals("upper(s: string) -> string", helpAtEnd("let x = join(\",\", [upper(").getSignatures().get(0).getLabel());
  }

  @Test
  void outsideACallOrInANonBuiltinNoHelp() throws Exception {
    assertNull(helpAtEnd("let x = upper(\"a\") "));
    assertNull(helpAtEnd("let x = (1 + "));
    assertNull(helpAtEnd("node head {\n  address = "));
  }
}
