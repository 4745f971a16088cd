package dev.labc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stdlib expansions build commands only through {@link dev.labc.shell.ShellCommand}: read
 * from their source, because the rule is about how the code is written. Emit's command methods
 * take a ShellCommand (the compiler enforces that); this test holds the two gaps the types leave:
 * a literal (verbatim shell text) is only ever a Java string constant, never built from a value;
 * and nothing in dev.labc.graph quotes by hand or puts a string into a command attribute
 * except through {@code Emit.shell}.
 */
class OneQuotingPathTest {
  static final Path GRAPH = Path.of("src/main/java/dev/labc/graph");

  /** `.literal(` followed by anything but one string constant and `)`. */
  static final Pattern LITERAL_CALL = Pattern.compile("\\.literal\\(");
  static final Pattern CONSTANT_ARG = Pattern.compile("\\G\"(?:[^\"\\\\\\n]|\\\\.)*\"\\)");
  /** A command or unless attribute set from anything but Emit.shell(...). */
  static final Pattern COMMAND_ATTR = Pattern.compile("(?:put\\(|Map\\.of\\([^;]*?)\"(command|unless)\",\\s*+(?!(?:Emit\\.)?shell\\()");
  static final Pattern HAND_QUOTING = Pattern.compile("ShellQuote|new Arg\\.|Arg\\.Literal|Arg\\.LabScript");

  static List<Path> sources() throws IOException {
    try (var files = Files.list(GRAPH)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** The source without comments, so that documentation may mention what code must not do. */
  static String code(Path p) throws IOException {
    return withoutComments(Files.readString(p));
  }

  /** String constants are kept whole (a URL's // is not a comment); comments go. */
  static String withoutComments(String source) {
    Matcher m = TOKENS.matcher(source);
    var out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, m.group().startsWith("\"") ? Matcher.quoteReplacement(m.group()) : "");
    return m.appendTail(out).toString();
  }

  static final Pattern TOKENS = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|//[^\\n]*|(?s:/\\*.*?\\*/)");

  static List<String> violations(String name, String code) {
    var out = new ArrayList<String>();
    Matcher m = LITERAL_CALL.matcher(code);
    while (m.find()) {
      if (!CONSTANT_ARG.matcher(code).region(m.end(), code.length()).lookingAt()) out.add(name + ": literal(...) of a non-constant at " + line(code, m.start()));
    }
    Matcher c = COMMAND_ATTR.matcher(code);
    while (c.find()) out.add(name + ": a \"" + c.group(1) + "\" attribute not built by Emit.shell at " + line(code, c.start()));
    Matcher h = HAND_QUOTING.matcher(code);
    while (h.find()) out.add(name + ": " + h.group() + " outside dev.labc.shell at " + line(code, h.start()));
    if (!name.equals("HostPrimitives.java") && code.contains("labScript(")) out.add(name + ": a lab script outside std/core's command kind");
    return out;
  }

  private static String line(String code, int at) {
    return "line " + (code.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1);
  }

  @Test
  void everyExpansionBuildsCommandsFromConstantsAndQuotedValues() throws IOException {
    var all = new ArrayList<String>();
    for (Path p : sources()) all.addAll(violations(p.getFileName().toString(), code(p)));
    assertEquals(List.of(), all);
  }

  /** The check itself catches what it is for: each of these is how a concatenated command used to be written. */
  @Test
  void theCheckRejectsConcatenationAndHandQuoting() {
    assertEquals(1, violations("X.java", "b.literal(\"-m \" + email);").size());
    assertEquals(1, violations("X.java", "b.literal(flag);").size());
    assertEquals(1, violations("X.java", "attrs.put(\"command\", Emit.str(\"tailscale up \" + tags));").size());
    assertEquals(1, violations("X.java", "attrs.put(\"unless\", str(probe));").size());
    assertEquals(1, violations("X.java", "String c = \"cd \" + ShellQuote.quote(src);").size());
    assertEquals(1, violations("X.java", "ShellCommand.labScript(run)").size());
    assertEquals(List.of(), violations("X.java", "b.literal(\"printf\").value(\"a\" + v); attrs.put(\"command\", Emit.shell(b.build()));"));
    assertEquals(List.of(), violations("X.java", withoutComments("// b.literal(x) in a comment\nb.literal(\"https://get.k3s.io\");")));
  }
}
