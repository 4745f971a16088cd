package dev.labc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.Scope;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A reviewer reads a file's content from the plan's <<EOT ... EOT block, so that block must be the
 * content, line for line: blank lines included (a config's blank line between sections used to be
 * left out, so "a\n\nb" and "a\nb" looked the same), and a line reading "EOT" must not end it early.
 */
class PlanHeredocPropertiesTest {
  private static final String INDENT = "            ";

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> line = Arbitraries.oneOf(
        Arbitraries.of("", "", "EOT", "  EOT", "[Service]", "  indented", "# comment", "a = 1"),
        Arbitraries.strings().alpha().numeric().withChars(' ', '=', '[', ']').ofMaxLength(12));
    return line.list().ofMinSize(2).ofMaxSize(12).map(lines -> String.join("\n", lines) + "\n")
        .filter(t -> t.contains("\n") && t.length() > 1);
  }

  private static Plan planCreating(String content) {
    var after = new TreeMap<String, Value>(Map.of("content", new Value.Text(content), "path", new Value.Text("/etc/x.conf")));
    var change = new Change(Scope.node("n1").resource("file", "/etc/x.conf"), "file", Action.CREATE, new TreeMap<>(), after,
        new TreeSet<>(), List.of());
    return new Plan("1", "t", "c.lab", "sha256:x", null, 0, List.of(change));
  }

  /** The text between `content = <<EOT` and its `EOT`, read as a reviewer reads it. */
  private static String readBack(String rendered, String opening, String closing, String prefix) {
    var lines = rendered.split("\n", -1);
    int start = -1;
    for (int i = 0; i < lines.length; i++) if (lines[i].endsWith(opening)) start = i + 1;
    assertTrue(start > 0, "a heredoc opens:\n" + rendered);
    var content = new ArrayList<String>();
    for (int i = start; !lines[i].equals(closing); i++) {
      String l = lines[i];
      assertTrue(l.startsWith(prefix) || l.equals(prefix.strip()), "line " + i + " is in the heredoc's margin: [" + l + "]");
      content.add(l.length() <= prefix.length() ? "" : l.substring(prefix.length()));
    }
    return String.join("\n", content) + "\n";
  }

  @Property(tries = 300)
  void aMultiLineTextReadsBackFromThePlanTextLineForLine(@ForAll("texts") String content) {
    String text = new PlanRenderer(false).text(planCreating(content));
    assertEquals(content, readBack(text, "content = <<EOT", "          EOT", INDENT));
  }

  @Property(tries = 300)
  void inMarkdownEveryLineOfACreatedTextCarriesThePlus(@ForAll("texts") String content) {
    String md = new PlanRenderer(false).markdown(planCreating(content), "`full`");
    assertEquals(content, readBack(md, "content = <<EOT", "+         EOT", "+" + INDENT.substring(1)));
  }
}
