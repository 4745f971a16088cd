package dev.labc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The resolver pass on a program as a lab writes it: each name bound to the declaration the language's scoping picks. */
class BindingsTest {
  static final String MODULE = """
      param port: int = 80
      let url = "http://x:${port}"
      """;
  static final String ROOT = """
      param count: int = 2
      let n = 3
      let xs = [for n in 1..count : n + 1]
      let port = 9

      @kind
      schema app {
        port: int = 1
        file config {
          path = "/srv/${self.name}/${port}"
        }
        for i in 1..n {
          let j = i * 2
          file "extra-${j}" {
            path = "/tmp/${i}"
          }
        }
      }

      node head {
        address = 10.0.1.1
      }
      """;

  final SyntaxTree module = SyntaxParser.parse(new SourceFile("mod.lab", MODULE));
  final SyntaxTree root = SyntaxParser.parse(new SourceFile("root.lab", ROOT));
  final Bindings bindings = Bindings.resolve(List.of(module, root), "root.lab", Set.of());

  /** The binding of the {@code occurrence}-th whole-word use of {@code name} in {@code tree}'s text that the pass saw. */
  private Binding use(SyntaxTree tree, String name, int occurrence) {
    var uses = bindings.names().entrySet().stream()
        .filter(e -> e.getKey().file() == tree.file() && tree.file().text().substring(e.getKey().start(), e.getKey().end()).equals(name))
        .sorted(java.util.Comparator.comparingInt((Map.Entry<Span, Binding> e) -> e.getKey().start())).toList();
    return uses.get(occurrence).getValue();
  }

  @Test
  void aLoopVariableShadowsTheLetOfItsNameOnlyInsideTheLoop() {
    assertInstanceOf(Binding.Param.class, use(root, "count", 0));
    Binding inLoop = use(root, "n", 0);
    assertEquals("n", assertInstanceOf(Binding.Local.class, inLoop).declaration().name());
    // `1..n` in the kind body is outside that comprehension: the top-level let.
    assertEquals("n", assertInstanceOf(Binding.Let.class, use(root, "n", 1)).declaration().name().name());
  }

  @Test
  void aKindBodySeesItsFieldsAndSelfBeforeTheProgramsLets() {
    Binding port = use(root, "port", 0);
    assertEquals("app", assertInstanceOf(Binding.Field.class, port).kind().name().name());
    assertInstanceOf(Binding.Self.class, use(root, "self", 0));
    assertEquals("j", assertInstanceOf(Binding.Local.class, use(root, "j", 0)).declaration().name());
    assertEquals("i", assertInstanceOf(Binding.Local.class, use(root, "i", 1)).declaration().name());
  }

  @Test
  void aModulesOwnParamComesBeforeTheProgramsLetOfThatName() {
    var own = assertInstanceOf(Binding.ModuleParam.class, use(module, "port", 0));
    assertEquals("mod.lab", own.module());
    // From the root file the same name is the root's let; a module's params are its own.
    assertInstanceOf(Binding.Let.class, bindings.outer(root.statements().get(0).span(), "port"));
  }

  @Test
  void blocksAndEnumMembersAreLeftToEvaluation() {
    assertEquals(new Binding.Global("head"), bindings.outer(null, "head"));
  }
}
