package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `labc --help` and every command's help are printed from pages rendered at build time; each page
 * must be what picocli prints for the same command line, in colour and without.
 */
class HelpPagesTest {
  /** Every command line that asks for a page: the top level, version, and each command by -h, --help and `help`. */
  private static List<List<String>> helpCommandLines() {
    var lines = new ArrayList<List<String>>(List.of(List.of(), List.of("-h"), List.of("--help"), List.of("help"), List.of("-V"), List.of("--version")));
    addCommands(Main.fullTree(), List.of(), lines);
    return lines;
  }

  private static void addCommands(CommandLine parent, List<String> path, List<List<String>> lines) {
    for (var sub : parent.getSubcommands().entrySet()) {
      var p = new ArrayList<>(path);
      p.add(sub.getKey());
      var help = new ArrayList<>(p);
      help.add("--help");
      var h = new ArrayList<>(p);
      h.add("-h");
      var byCommand = new ArrayList<>(List.of("help"));
      byCommand.addAll(p);
      lines.addAll(List.of(help, h));
      if (path.isEmpty() && !sub.getKey().equals("help")) lines.add(byCommand); // picocli's help command takes one name
      addCommands(sub.getValue(), p, lines);
    }
  }

  @Test
  void everyPageIsWhatPicocliPrints() {
    List<List<String>> lines = helpCommandLines();
    assertTrue(lines.size() > 40, "too few command lines: " + lines);
    for (List<String> line : lines) {
      String[] args = line.toArray(String[]::new);
      for (boolean color : new boolean[] {false, true}) {
        CliRun picocli = CliRun.runColored(color, args);
        assertEquals(0, picocli.exitCode(), "labc " + line + ": " + picocli.err());
        String page = HelpPages.lookup(color, args);
        assertNotNull(page, "no page for labc " + String.join(" ", line) + (color ? " (colour)" : ""));
        assertEquals(picocli.out(), page, "labc " + String.join(" ", line) + (color ? " (colour)" : ""));
      }
    }
    assertTrue(HelpPages.lookup(true, "plan", "--help").contains("\u001b["), "the colour page has no colour");
    assertTrue(HelpPages.lookup(false, "plan", "--help").startsWith("Usage: labc plan [-hV]"));
  }

  private static final List<String[]> NOT_PAGES = List.of(new String[] {"plan", "cluster.lab"}, new String[] {"plan", "cluster.lab", "--help"},
        new String[] {"--help", "plan"}, new String[] {"plan", "--format", "json", "-h"}, new String[] {"nosuch", "--help"},
        new String[] {"help", "../help/labc"}, new String[] {"-V", "plan"}, new String[] {"PLAN", "--help"},
        new String[] {"plan-", "--help"}, new String[] {"check", "a.lab"});

  @Test
  void anythingElseIsLeftToPicocli() {
    for (String[] args : NOT_PAGES) assertNull(HelpPages.lookup(false, args), String.join(" ", args));
  }

  /** The launcher leaves the start-up cache out for pages only (it slows them); it must agree with pageName. */
  @Test
  void theLauncherKnowsWhichLinesArePages() throws Exception {
    var lines = new ArrayList<List<String>>(helpCommandLines());
    for (String[] args : NOT_PAGES) lines.add(List.of(args));
    Path launcher = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize().resolve("labc");
    String script = "source <(sed -n '/^prints_page() {/,/^}/p' \"$1\")\n"
        + "while read -r -a a; do if prints_page \"${a[@]}\"; then echo page; else echo no; fi; done\n";
    Process p = new ProcessBuilder("bash", "-c", script, "bash", launcher.toString()).redirectErrorStream(true).start();
    try (var in = p.outputWriter()) {
      for (List<String> line : lines) in.write(String.join(" ", line) + "\n");
    }
    List<String> answers = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    assertEquals(0, p.waitFor());
    assertEquals(lines.size(), answers.size(), String.join("\n", answers));
    for (int i = 0; i < lines.size(); i++) {
      boolean page = HelpPages.pageName(lines.get(i).toArray(String[]::new)) != null;
      assertEquals(page ? "page" : "no", answers.get(i), "the launcher on labc " + String.join(" ", lines.get(i)));
    }
  }
}
