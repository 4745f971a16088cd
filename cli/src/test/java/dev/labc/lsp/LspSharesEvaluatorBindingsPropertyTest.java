package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.cli.ClusterProgramGenerator;
import dev.labc.eval.Binding;
import dev.labc.eval.Evaluator;
import dev.labc.module.ModuleResolver;
import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Range;

/**
 * The evaluator and the language server share one resolver pass: over generated cluster programs,
 * for every name the evaluator looked up (its {@link dev.labc.eval.Bindings}), go-to-definition
 * at that name lands on the declaration the evaluator used, and on a block or enum member for
 * the names the evaluator finds among blocks and enums.
 */
class LspSharesEvaluatorBindingsPropertyTest {
  private static final ModuleResolver MODULES = new ModuleResolver(LspSharesEvaluatorBindingsPropertyTest.class.getClassLoader());

  @Property(tries = 25)
  void goToDefinitionLandsWhereTheEvaluatorResolvedEachName(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws Exception {
    String text = ClusterProgramGenerator.generate(seed, false).text();
    Path dir = Files.createTempDirectory("labc-bindings");
    Path file = dir.resolve("cluster.lab");
    Files.writeString(file, text);
    var source = new SourceFile(file.toString(), text);
    Evaluator.Result evaluated = Evaluator.evaluate(source, MODULES, Evaluator.Options.defaults());
    assertTrue(evaluated.ok(), () -> evaluated.diagnostics() + "\n" + text);
    var names = evaluated.bindings().names().entrySet().stream().filter(e -> e.getKey().file() == source).toList();
    assertFalse(names.isEmpty(), text);
    try (LspSession lsp = new LspSession(dir.resolve("stdlib"))) {
      lsp.open(file, text);
      for (Map.Entry<Span, Binding> use : names) {
        var at = Texts.positionOf(text, use.getKey().start());
        List<? extends Location> defs = lsp.definition(file, at.getLine(), at.getCharacter());
        String what = "`" + text.substring(use.getKey().start(), use.getKey().end()) + "` at " + at + " bound to " + use.getValue() + "\n" + text;
        Span declared = switch (use.getValue()) {
          case Binding.Local l -> l.declaration().span();
          case Binding.Field f -> f.field().name().span();
          case Binding.Self s -> s.kind().name().span();
          case Binding.ModuleParam p -> p.declaration().name().span();
          case Binding.Let l -> l.declaration().name().span();
          case Binding.Param p -> p.declaration().name().span();
          case Binding.Global g -> null;
        };
        if (declared == null) {
          // A block or an enum member: the evaluator found it (the program evaluated), so the server must too.
          String name = ((Binding.Global) use.getValue()).name();
          assertFalse(defs.isEmpty(), what);
          boolean isBlock = evaluated.program().entities().values().stream().anyMatch(e -> e.name().equals(name));
          if (isBlock) for (Location d : defs) assertEquals(LspSession.uri(file), d.getUri(), what);
          continue;
        }
        assertEquals(1, defs.size(), what);
        if (declared.file() == source) {
          assertEquals(new Range(Texts.positionOf(text, declared.start()), Texts.positionOf(text, declared.end())), defs.get(0).getRange(), what);
        } else {
          assertNotNull(defs.get(0).getUri(), what);
        }
      }
    }
  }
}
