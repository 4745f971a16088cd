package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.DocumentLink;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Import paths are links (between their quotes) to the files `labc check` reads for them. */
class LspDocumentLinkTest extends LspServerTest {

  @Test
  void aLocalModuleAndAStdlibModuleAreLinkedAndAMissingOneIsNot() throws Exception {
    Path users = dir.resolve("lab-users.lab");
    Files.writeString(users, "param n: int = 1\n");
    Path file = dir.resolve("cluster.lab");
    String text = "import \"./lab-users.lab\" as users\nimport \"std/nfs\" as nfs\nimport \"./missing.lab\" as gone\n";
    Files.writeString(file, text);
    lsp.open(file, text);
    lsp.diagnosticsFor(file);
    List<DocumentLink> links = LspSession.get(lsp.remote.getTextDocumentService()
        .documentLink(new DocumentLinkParams(new TextDocumentIdentifier(LspSession.uri(file)))));
    assertEquals(2, links.size(), links.toString());

    assertEquals(new Range(new Position(0, 8), new Position(0, 23)), links.get(0).getRange(), "./lab-users.lab between the quotes");
    assertEquals(users.toRealPath(), Path.of(URI.create(links.get(0).getTarget())).toRealPath());

    assertEquals(new Range(new Position(1, 8), new Position(1, 15)), links.get(1).getRange(), "std/nfs between the quotes");
    Path nfs = Path.of(URI.create(links.get(1).getTarget()));
    assertTrue(nfs.startsWith(dir.resolve("stdlib")) && Files.readString(nfs).contains("nfs"), nfs.toString());
  }
}
