package dev.labc.lsp;

import static dev.labc.lsp.ClusterFixture.CLUSTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Document symbols: the top-level declarations, with what each holds beneath it. */
class LspSymbolsTest extends LspServerTest {
  ClusterFixture fx;

  @BeforeEach
  void openFixture() throws Exception {
    fx = new ClusterFixture(dir);
    fx.open(lsp);
  }

  @Test
  void topLevelDeclarationsInOrder() throws Exception {
    List<DocumentSymbol> symbols = lsp.symbols(fx.cluster);
    assertEquals(List.of("./people.lab", "lan", "closet", "lan", "head", "for i in 1..2", "alice"),
        symbols.stream().map(DocumentSymbol::getName).toList());
    assertEquals(List.of(SymbolKind.Module, SymbolKind.Variable, SymbolKind.Object, SymbolKind.Object, SymbolKind.Object, SymbolKind.Namespace, SymbolKind.Object),
        symbols.stream().map(DocumentSymbol::getKind).toList());
    assertEquals(List.of("import", "param: cidr", "circuit", "network", "node", "for", "user"),
        symbols.stream().map(DocumentSymbol::getDetail).toList());
  }

  @Test
  void blocksHoldTheirAttributesAndLoopsTheirBlocks() throws Exception {
    List<DocumentSymbol> symbols = lsp.symbols(fx.cluster);
    DocumentSymbol head = symbols.get(4);
    assertEquals(List.of("address", "roles", "circuit", "ssh_port"), head.getChildren().stream().map(DocumentSymbol::getName).toList());
    assertEquals(Texts.rangeOf(CLUSTER, "head", 0), head.getSelectionRange());
    assertEquals(Texts.at(CLUSTER, "node head"), head.getRange().getStart());
    var close = Texts.at(CLUSTER, "}\n\nfor");
    assertEquals(new org.eclipse.lsp4j.Position(close.getLine(), close.getCharacter() + 1), head.getRange().getEnd());

    DocumentSymbol loop = symbols.get(5);
    DocumentSymbol gpu = loop.getChildren().get(0);
    assertEquals("\"gpu-${i}\"", gpu.getName()); // a template: shown as written
    assertEquals("node", gpu.getDetail());
    DocumentSymbol nested = gpu.getChildren().get(2);
    assertEquals("gpu", nested.getName());
    assertEquals(List.of("model", "count"), nested.getChildren().stream().map(DocumentSymbol::getName).toList());
  }
}
