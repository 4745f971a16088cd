package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Semantic tokens, decoded back to (line, column, text, type) as a client does. */
class LspSemanticTokensTest extends LspServerTest {

  private List<String> tokens(String text) throws Exception {
    Path file = dir.resolve("cluster.lab");
    lsp.open(file, text);
    var legend = lsp.initialized.getCapabilities().getSemanticTokensProvider().getLegend().getTokenTypes();
    List<Integer> data = LspSession.get(lsp.remote.getTextDocumentService()
        .semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(LspSession.uri(file))))).getData();
    String[] lines = text.split("\n", -1);
    var out = new ArrayList<String>();
    int line = 0, col = 0;
    for (int i = 0; i < data.size(); i += 5) {
      line += data.get(i);
      col = data.get(i) == 0 ? col + data.get(i + 1) : data.get(i + 1);
      // Columns are UTF-16 units, as Java strings count.
      out.add(line + ":" + col + " " + lines[line].substring(col, col + data.get(i + 2)) + " " + legend.get(data.get(i + 3)));
    }
    return out;
  }

  /** Every example: tokens in order, each within its line (decoding would throw otherwise), keywords and kinds found. */
  @Test
  void everyExampleDecodesToTokensWithinTheirLines() throws Exception {
    Path examples = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize().resolve("examples");
    try (var dirs = java.nio.file.Files.list(examples)) {
      for (Path lab : dirs.map(d -> d.resolve("cluster.lab")).filter(java.nio.file.Files::exists).sorted().toList()) {
        List<String> ts = tokens(java.nio.file.Files.readString(lab));
        org.junit.jupiter.api.Assertions.assertTrue(ts.stream().anyMatch(t -> t.endsWith(" node type")), lab + ": " + ts.subList(0, Math.min(20, ts.size())));
      }
    }
  }

  @Test
  void kindsLabelsAttributesCallsLiteralsAndComments() throws Exception {
    String text = """
        // the head 🖥 node
        let lan = 10.0.1.0/24
        node head {
          address = cidrhost(lan, 10)
          notes   = <<EOT
            ${lan} 🖥
            EOT
        }
        """;
    assertEquals(List.of(
        "0:0 // the head 🖥 node comment",
        "1:0 let keyword", "1:4 lan variable", "1:10 10.0.1.0/24 number",
        "2:0 node type", "2:5 head variable",
        "3:2 address property", "3:12 cidrhost function", "3:21 lan variable", "3:26 10 number",
        "4:2 notes property", "4:12 <<EOT string", "5:0     ${lan} 🖥 string", "6:0     EOT string"),
        tokens(text));
  }
}
