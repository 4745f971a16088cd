package dev.labc.lsp;

import static dev.labc.lsp.ClusterFixture.CLUSTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hover shows an attribute's declared type and doc from the kind's schema, and a reference's kind and declaration. */
class LspHoverTest extends LspServerTest {
  ClusterFixture fx;

  @BeforeEach
  void openFixture() throws Exception {
    fx = new ClusterFixture(dir);
    fx.open(lsp);
  }

  @Test
  void attributeNameShowsItsTypeFromTheSchema() throws Exception {
    Position p = Texts.at(CLUSTER, "ssh_port");
    Hover h = lsp.hover(fx.cluster, p.getLine(), p.getCharacter() + 3);
    String text = markdown(h);
    assertTrue(text.contains("ssh_port: int(1..65535) = 22"), text);
    assertTrue(text.contains("*int from 1 to 65535*"), text);
    int line = Texts.at(coreLab(), "  ssh_port: int").getLine() + 1;
    assertTrue(text.contains("attribute of kind `node`, declared at std/core.lab:" + line), text);
    assertEquals(Texts.rangeOf(CLUSTER, "ssh_port", 0), h.getRange());
  }

  @Test
  void attributeNameShowsItsDocComment() throws Exception {
    Position p = Texts.at(CLUSTER, "address  = 10.0.1.10");
    String text = markdown(lsp.hover(fx.cluster, p.getLine(), p.getCharacter()));
    assertTrue(text.contains("address: ip"), text);
    assertTrue(text.contains("The node's cluster address: what other nodes use"), text);
    assertTrue(text.contains("*ip*, required"), text);
  }

  @Test
  void nestedBlockAttributeIsLookedUpInTheRecordSchema() throws Exception {
    Position p = Texts.at(CLUSTER, "model = A100_80GB");
    String text = markdown(lsp.hover(fx.cluster, p.getLine(), p.getCharacter() + 1));
    assertTrue(text.contains("model: gpu_model"), text);
    assertTrue(text.contains("attribute of record `gpu_spec`"), text);
  }

  @Test
  void referenceShowsTheEntitysKindAndWhereItIsDeclared() throws Exception {
    Position p = Texts.at(CLUSTER, "closet", 1); // `circuit  = closet` in node head
    Hover h = lsp.hover(fx.cluster, p.getLine(), p.getCharacter() + 2);
    String text = markdown(h);
    assertTrue(text.contains("```lab\ncircuit closet\n```"), text);
    assertTrue(text.contains("declared at cluster.lab:6"), text);
    assertTrue(text.contains("A power circuit in the server room"), text);
    assertEquals(Texts.rangeOf(CLUSTER, "closet", 1), h.getRange());
  }

  @Test
  void referenceToAnEntityOfAnImportedFile() throws Exception {
    Position p = Texts.at(CLUSTER, "research");
    String text = markdown(lsp.hover(fx.cluster, p.getLine(), p.getCharacter()));
    assertTrue(text.contains("group research"), text);
    assertTrue(text.contains("declared at people.lab:2"), text);
  }

  @Test
  void entityMadeByALoopPointsAtTheBlockThatMakesIt() throws Exception {
    Position p = Texts.at(CLUSTER, "gpu-1]");
    String text = markdown(lsp.hover(fx.cluster, p.getLine(), p.getCharacter() + 1));
    assertTrue(text.contains("node gpu-1"), text);
    assertTrue(text.contains("declared at cluster.lab:22"), text);
    assertTrue(text.contains("Address `10.0.1.11`"), text);
  }

  @Test
  void paramShowsItsDocAndValue() throws Exception {
    Position p = Texts.at(CLUSTER, "cidr = lan");
    String text = markdown(lsp.hover(fx.cluster, p.getLine(), p.getCharacter() + "cidr = ".length()));
    assertTrue(text.contains("param lan: cidr = 10.0.1.0/24"), text);
    assertTrue(text.contains("The lab's LAN."), text);
    assertTrue(text.contains("Value: `10.0.1.0/24`"), text);
  }

  @Test
  void enumMemberAndBlockKindAndBuiltin() throws Exception {
    Position member = Texts.at(CLUSTER, "A100_80GB");
    assertTrue(markdown(lsp.hover(fx.cluster, member.getLine(), member.getCharacter())).contains("Member of enum `gpu_model`"));
    Position kind = Texts.at(CLUSTER, "node head");
    String kindText = markdown(lsp.hover(fx.cluster, kind.getLine(), kind.getCharacter()));
    assertTrue(kindText.contains("@kind\nschema node"), kindText);
    assertTrue(kindText.contains("A machine labc manages over SSH."), kindText);
    Position fn = Texts.at(CLUSTER, "cidrhost");
    assertTrue(markdown(lsp.hover(fx.cluster, fn.getLine(), fn.getCharacter())).contains("cidrhost(network: cidr, n: int, prefix: bool?) -> ip | string"));
  }

  @Test
  void importShowsWhatTheModuleDeclaresAndALabelItsEntity() throws Exception {
    Position path = Texts.at(CLUSTER, "./people.lab");
    String text = markdown(lsp.hover(fx.cluster, path.getLine(), path.getCharacter() + 2));
    assertTrue(text.contains("Module `" + fx.people + "`."), text);
    Position label = Texts.at(CLUSTER, "head {");
    String entity = markdown(lsp.hover(fx.cluster, label.getLine(), label.getCharacter() + 1));
    assertTrue(entity.contains("`node` `head`, declared at cluster.lab:14. Address `10.0.1.10`."), entity);
  }

  @Test
  void nothingToShowOnBlankSpaceOrALiteral() throws Exception {
    assertNull(lsp.hover(fx.cluster, 1, 0));
    Position literal = Texts.at(CLUSTER, "9000W");
    assertNull(lsp.hover(fx.cluster, literal.getLine(), literal.getCharacter() + 1));
  }

  static String coreLab() throws Exception {
    try (var in = LspHoverTest.class.getClassLoader().getResourceAsStream("labc/stdlib/std/core.lab")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static String markdown(Hover h) {
    if (h == null) throw new AssertionError("no hover");
    assertEquals(MarkupKind.MARKDOWN, h.getContents().getRight().getKind());
    return h.getContents().getRight().getValue();
  }
}
