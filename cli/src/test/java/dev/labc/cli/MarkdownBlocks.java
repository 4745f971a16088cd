package dev.labc.cli;

import java.util.ArrayList;
import java.util.List;

/** Fenced code blocks of a Markdown document, with the language tag and 1-based line of each. */
public final class MarkdownBlocks {
  private MarkdownBlocks() {}

  public record Block(String language, int line, String text) {}

  public static List<Block> fenced(String markdown) {
    var out = new ArrayList<Block>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("```")) continue;
      String language = lines[i].substring(3).strip();
      int start = i + 1;
      var text = new StringBuilder();
      for (i = start; i < lines.length && !lines[i].startsWith("```"); i++) text.append(lines[i]).append('\n');
      out.add(new Block(language, start, text.toString()));
    }
    return out;
  }
}
