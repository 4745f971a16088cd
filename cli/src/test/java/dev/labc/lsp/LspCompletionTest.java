package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Completion offers the attributes of the enclosing block's kind and, at the top level, the kinds in scope. */
class LspCompletionTest extends LspServerTest {
  Path file;

  @BeforeEach
  void openFixture() throws Exception {
    file = dir.resolve("cluster.lab");
  }

  @Test
  void insideABlockTheAttributesOfItsKindNotYetSet() throws Exception {
    // A half-typed attribute on its own line: the file does not parse, completion still works.
    String text = "circuit closet {\n  rating = 3600W\n}\n\nnode head {\n  address = 10.0.1.10\n  ssh_\n}\n";
    List<CompletionItem> items = complete(text, Texts.at(text, "ssh_"), "ssh_".length());
    List<String> labels = labels(items);
    assertTrue(labels.containsAll(List.of("ssh_user", "ssh_port", "ssh_via", "ssh_address", "roles", "gpu", "hostname", "circuit")), labels.toString());
    assertFalse(labels.contains("address"), "already set: " + labels);
    assertFalse(labels.contains("rating"), "an attribute of circuit, not node: " + labels);
    CompletionItem port = item(items, "ssh_port");
    assertEquals("int from 1 to 65535", port.getDetail());
    assertEquals(CompletionItemKind.Field, port.getKind());
    // The edit replaces what was typed.
    Position typed = Texts.at(text, "ssh_");
    assertEquals(new Range(typed, new Position(typed.getLine(), typed.getCharacter() + 4)), port.getTextEdit().getLeft().getRange());
    assertEquals("ssh_port = ", port.getTextEdit().getLeft().getNewText(), "an attribute comes with its ` = `");
    assertEquals("gpu", item(items, "gpu").getTextEdit().getLeft().getNewText(), "a nested block is only its name");
    assertTrue(item(items, "address") == null);
    CompletionItem hostname = item(items, "hostname");
    assertTrue(hostname.getDocumentation().getRight().getValue().contains("defaults to the block's label"));
  }

  @Test
  void aNameBeingChangedBeforeItsEqualsSignIsReplacedAlone() throws Exception {
    String text = "node head {\n  address = 10.0.1.10\n  ssh_ = \"root\"\n}\n";
    List<CompletionItem> items = complete(text, Texts.at(text, "ssh_ ="), "ssh_".length());
    assertEquals("ssh_user", item(items, "ssh_user").getTextEdit().getLeft().getNewText());
  }

  @Test
  void insideANestedBlockTheAttributesOfItsRecordType() throws Exception {
    String text = "node head {\n  address = 10.0.1.10\n  gpu {\n    \n  }\n}\n";
    Position blank = new Position(3, 4);
    List<String> labels = labels(complete(text, blank, 0));
    assertEquals(List.of("model", "count", "memory", "power_limit", "persistence", "mig", "driver", "driver_version", "cuda_version"), labels);
  }

  @Test
  void atTheTopLevelTheKindsInScope() throws Exception {
    String text = "import \"std/slurm\"\n\nno\n";
    List<CompletionItem> items = complete(text, Texts.at(text, "no"), 2);
    List<String> labels = labels(items);
    assertTrue(labels.containsAll(List.of("node", "network", "storage", "user", "group", "circuit", "slurm", "let", "param")), labels.toString());
    assertFalse(labels.contains("gpu_spec"), "a record type is not a top-level block: " + labels);
    assertFalse(labels.contains("tailscale"), "not imported: " + labels);
    assertEquals(CompletionItemKind.Class, item(items, "node").getKind());
  }

  @Test
  void afterAnAttributesEqualsTheValuesItsTypeAllows() throws Exception {
    String text = "circuit closet {\n  rating = 3600W\n}\n\nnode head {\n  address = 10.0.1.10\n  roles = [wor\n}\n";
    List<String> roles = labels(complete(text, Texts.at(text, "wor"), 3));
    assertTrue(roles.containsAll(List.of("worker", "controller", "nfs_server")), roles.toString());

    String circuit = "circuit closet {\n  rating = 3600W\n}\n\nnode head {\n  address = 10.0.1.10\n  circuit = \n}\n";
    Position after = Texts.at(circuit, "circuit = ");
    assertEquals(List.of("closet"), labels(complete(circuit, new Position(after.getLine(), after.getCharacter() + "circuit = ".length()), 0)));
  }

  private List<CompletionItem> complete(String text, Position wordStart, int typedLength) throws Exception {
    Files.writeString(file, text);
    lsp.open(file, text);
    lsp.diagnosticsFor(file);
    return lsp.completion(file, wordStart.getLine(), wordStart.getCharacter() + typedLength);
  }

  private static List<String> labels(List<CompletionItem> items) {
    return items.stream().map(CompletionItem::getLabel).toList();
  }

  private static CompletionItem item(List<CompletionItem> items, String label) {
    return items.stream().filter(i -> i.getLabel().equals(label)).findFirst().orElse(null);
  }
}
