package dev.labc.syntax;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.diag.render.JsonDiagnosticWriter;
import dev.labc.format.Formatter;
import dev.labc.golden.Goldens;
import dev.labc.source.SourceFile;
import dev.labc.syntax.SourceReader;
import dev.labc.syntax.antlr.SyntaxParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the bytes, the front end answers with diagnostics, never an exception: decoding,
 * parsing, formatting and both renderers, and every span lies inside the file it points into.
 */
public class RobustnessPropertyTest {

  /** Runs the whole front end on {@code bytes}; fails on any exception or out-of-file span. */
  static void frontEndSurvives(byte[] bytes) {
    SourceReader.Read read = SourceReader.decode(bytes, "input.lab");
    SyntaxTree tree = SyntaxParser.parse(read.file());
    var diags = new ArrayList<Diagnostic>(read.diagnostics());
    diags.addAll(tree.diagnostics());
    Formatter.Result formatted = Formatter.format(tree);
    diags.addAll(formatted.diagnostics());
    int length = read.file().text().length();
    for (Diagnostic d : diags) {
      if (d.span() == null) continue;
      assertTrue(d.span().start() >= 0 && d.span().end() <= length, () -> "span outside the file: " + d);
      assertTrue(d.span().file() == read.file(), () -> "span in another file: " + d);
    }
    String human = new HumanDiagnosticRenderer(false).render(diags);
    new JsonDiagnosticWriter().write(diags);
    if (!tree.ok()) {
      assertFalse(formatted.ok(), "a file with syntax errors is never formatted");
      assertTrue(human.contains("input.lab:"), "errors say file:line:col");
    }
    if (formatted.ok()) {
      // What fmt writes must itself be a clean file, or `labc fmt` would corrupt the input.
      SyntaxTree again = SyntaxParser.parse(new SourceFile("formatted.lab", formatted.text()));
      assertTrue(again.ok(), () -> "fmt produced an unparsable file:\n" + formatted.text() + "\n" + again.diagnostics());
    }
  }

  // Tries: jqwik.tries.default (300 here; -Djqwik.tries.default=100000 for a nightly-size run).
  @Property
  void arbitraryBytesNeverThrow(@ForAll @Size(max = 600) byte[] bytes) {
    frontEndSurvives(bytes);
  }

  /** Seeds for mutation: the examples and the format goldens, all valid files. */
  static List<String> seeds() throws IOException {
    var out = new ArrayList<String>();
    for (Path p : RoundTripPropertyTest.exampleFiles()) out.add(Files.readString(p));
    try (Stream<Path> s = Files.list(Goldens.dir("format"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".lab")).sorted().toList()) out.add(Files.readString(p));
    }
    return out;
  }

  private static final String[] TOKENS = {"{", "}", "[", "]", "(", ")", "\"", "${", "=", ":", ",", ".", "..", "/*", "*/",
      "//", "<<EOF\n", "\nEOF\n", "\\", "$", "'", "for", "in", "if", "else", "param", "import", "@", "\n", "\t", "10.0.1.", "/33", "GiB",
      "\uFFFD", "\u0000", "é", "99999999999999999999"};

  /** Deletes, inserts, duplicates and swaps characters and tokens of a valid file. */
  public static String mutate(String text, Random r) {
    var sb = new StringBuilder(text);
    int edits = 1 + r.nextInt(6);
    for (int i = 0; i < edits; i++) {
      int at = sb.isEmpty() ? 0 : r.nextInt(sb.length() + 1);
      switch (r.nextInt(6)) {
        case 0 -> { if (at < sb.length()) sb.deleteCharAt(at); }
        case 1 -> sb.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
        case 2 -> {
          int end = Math.min(sb.length(), at + r.nextInt(40));
          sb.insert(at, sb.substring(at, end));
        }
        case 3 -> {
          int end = Math.min(sb.length(), at + r.nextInt(60));
          sb.delete(at, end);
        }
        case 4 -> { // delete one whitespace-separated token
          int start = sb.lastIndexOf(" ", at);
          int end = sb.indexOf(" ", Math.max(0, start + 1));
          if (start >= 0 && end > start) sb.delete(start, end);
        }
        default -> sb.setLength(Math.min(sb.length(), at)); // truncate
      }
    }
    return sb.toString();
  }

  @Provide
  Arbitrary<String> mutatedFiles() throws IOException {
    List<String> seeds = seeds();
    return Arbitraries.randomValue(random -> mutate(seeds.get(random.nextInt(seeds.size())), random));
  }

  @Property
  void mutatedValidFilesNeverThrow(@ForAll("mutatedFiles") String text) {
    frontEndSurvives(text.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<String> soups() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(80).map(l -> String.join(" ", l));
  }

  @Property
  void tokenSoupNeverThrows(@ForAll("soups") String text) {
    frontEndSurvives(text.getBytes(StandardCharsets.UTF_8));
  }
}
