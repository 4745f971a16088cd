package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `KIND.NAME` references (a user and a group sharing a name, issue 19) in the editor: hover and
 * go-to-definition pick the block of that kind, not the other one of the same name; completion
 * after `user.` offers users, and `after = [` offers blocks in their qualified form.
 */
class LspQualifiedReferenceTest extends LspServerTest {
  static final String LAB = """
      node head {
        address = 10.0.1.10
      }

      group labops {
        gid = 3000
      }

      user labops {
        uid    = 3000
        gid    = group.labops.gid
        groups = [group.labops]
      }

      directory ops {
        path  = "/srv/ops"
        owner = "labops"
        after = [user.labops]
      }
      """;

  Path file;

  @BeforeEach
  void openFixture() throws Exception {
    file = dir.resolve("cluster.lab");
  }

  void open(String text) throws Exception {
    Files.writeString(file, text);
    lsp.open(file, text);
    lsp.diagnosticsFor(file);
  }

  @Test
  void hoverAndDefinitionOfAQualifiedReferencePickTheBlockOfThatKind() throws Exception {
    open(LAB);
    Position user = Texts.at(LAB, "user.labops");
    var def = lsp.definition(file, user.getLine(), user.getCharacter() + "user.".length() + 1);
    assertEquals(1, def.size(), def.toString());
    assertEquals(Texts.rangeOf(LAB, "labops", 1), def.get(0).getRange()); // `user labops`, not `group labops`
    Position group = Texts.at(LAB, "groups = [group.labops");
    var gdef = lsp.definition(file, group.getLine(), group.getCharacter() + "groups = [group.".length() + 1);
    assertEquals(Texts.rangeOf(LAB, "labops", 0), gdef.get(0).getRange());

    String hover = lsp.hover(file, user.getLine(), user.getCharacter() + "user.".length() + 1).getContents().getRight().getValue();
    assertTrue(hover.contains("user labops"), hover);
    assertFalse(hover.contains("group labops"), hover);
    // `gid` in `group.labops.gid` is the group's attribute.
    Position gid = Texts.at(LAB, "group.labops.gid");
    String gidHover = lsp.hover(file, gid.getLine(), gid.getCharacter() + "group.labops.".length() + 1).getContents().getRight().getValue();
    assertTrue(gidHover.contains("gid"), gidHover);
    // `user` itself is the kind.
    String kindHover = lsp.hover(file, user.getLine(), user.getCharacter() + 1).getContents().getRight().getValue();
    assertTrue(kindHover.contains("A Linux user"), kindHover);
  }

  @Test
  void completionAfterAKindAndInAfterOffersQualifiedBlocks() throws Exception {
    String text = LAB + "\ncommand seed {\n  run = \"true\"\n  creates = \"/srv/ops/x\"\n  after = [user.lab\n}\n";
    open(text);
    Position typed = Texts.at(text, "user.lab\n");
    List<String> users = lsp.completion(file, typed.getLine(), typed.getCharacter() + "user.lab".length()).stream().map(CompletionItem::getLabel).toList();
    assertEquals(List.of("labops"), users);

    String list = LAB + "\ncommand seed {\n  run = \"true\"\n  creates = \"/srv/ops/x\"\n  after = [\n}\n";
    open(list);
    Position open = Texts.at(list, "after = [\n");
    List<String> blocks = lsp.completion(file, open.getLine(), open.getCharacter() + "after = [".length()).stream().map(CompletionItem::getLabel).toList();
    assertTrue(blocks.containsAll(List.of("user.labops", "group.labops", "directory.ops")), blocks.toString());
    assertFalse(blocks.contains("node.head"), blocks.toString());
  }
}
