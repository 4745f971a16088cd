package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.source.SourceFile;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The "Ordering" section of docs/language.md says what `labc check` does: each ```lab block of it
 * checks clean, and each ```lab-error CODE block reports that error (the fences DocumentationExamplesTest reads too).
 */
class OrderingDocsTest {
  private static final Pattern BLOCK = Pattern.compile("```lab(?:-error (E\\d{4}))?\\n(.*?)```", Pattern.DOTALL);

  @TestFactory
  Stream<DynamicTest> everyExampleOfTheOrderingSectionChecksAsItSays() throws Exception {
    String doc = Files.readString(ExampleGraphTest.ROOT.resolve("docs/language.md"));
    int start = doc.indexOf("\n## Ordering\n");
    assertTrue(start >= 0, "docs/language.md has an Ordering section");
    int end = doc.indexOf("\n## ", start + 1);
    String section = doc.substring(start, end < 0 ? doc.length() : end);
    var blocks = new ArrayList<String[]>(); // {expected code or null, text}
    Matcher m = BLOCK.matcher(section);
    while (m.find()) blocks.add(new String[] {m.group(1), m.group(2)});
    assertTrue(blocks.size() >= 4, "the section shows names by kind, edges, conflicts and cycles: " + blocks.size());
    return blocks.stream().map(block -> DynamicTest.dynamicTest(block[1].lines().filter(l -> !l.isBlank()).findFirst().orElse(""), () -> {
      String text = block[1], expected = block[0];
      List<Diagnostic> ds = Pipeline.check(new SourceFile("language.md", text), new Evaluator.Options(Map.of(), List.of(), name -> null)).diagnostics();
      if (expected != null) {
        assertTrue(ds.stream().anyMatch(d -> d.code().id().equals(expected) && d.isError()), expected + " expected: " + ds);
      } else {
        assertEquals(List.of(), ds, text);
      }
    }));
  }
}
