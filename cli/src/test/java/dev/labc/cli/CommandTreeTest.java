package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Main builds only the part of the command tree a command line needs (start-up time); what a user
 * sees must be what the whole tree would show.
 */
class CommandTreeTest {
  private static String usage(CommandLine cl) {
    var out = new StringWriter();
    cl.usage(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void topLevelHelpFromSummariesIsTheWholeTreesHelp() {
    String whole = usage(Main.fullTree());
    assertTrue(whole.contains("  state         Inspect or repair the recorded state") && whole.contains("  help          Display help"), whole);
    for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"-h"})) {
      CliRun r = CliRun.run(args);
      assertEquals(0, r.exitCode(), r.err());
      assertEquals(whole, r.out(), "labc " + String.join(" ", args));
    }
  }

  @Test
  void aCommandBuiltAloneHasTheUsageAndNameItHasInTheWholeTree() {
    CommandLine whole = Main.fullTree();
    assertEquals(Main.commands().size(), whole.getSubcommands().size());
    for (var e : whole.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) continue;
      CommandLine alone = Main.commandLine(e.getKey(), "x");
      assertEquals(List.of(e.getKey()), List.copyOf(alone.getSubcommands().keySet()), "a tree with " + e.getKey() + " alone");
      assertEquals(usage(e.getValue()), usage(alone.getSubcommands().get(e.getKey())), e.getKey());
      for (var sub : e.getValue().getSubcommands().entrySet()) {
        assertEquals(usage(sub.getValue()), usage(alone.getSubcommands().get(e.getKey()).getSubcommands().get(sub.getKey())), e.getKey() + " " + sub.getKey());
      }
    }
  }

  @Test
  void helpAndMistypedCommandsGetTheWholeTree() {
    assertEquals(Main.commands().size(), Main.commandLine("help", "check").getSubcommands().size());
    CliRun r = CliRun.run("chek");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("Did you mean: labc check or labc help?"), r.err());
    CliRun help = CliRun.run("help", "state");
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().startsWith("Usage: labc state [-hV] [COMMAND]"), help.out());
  }
}
