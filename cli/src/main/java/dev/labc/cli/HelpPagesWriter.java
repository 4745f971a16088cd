package dev.labc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * Renders the pages {@link HelpPages} prints: picocli's usage of labc and of every command, plain
 * and in colour, and the version line. Run by the build (cli/pom.xml, phase process-classes) with
 * the directory to write to: {@code target/classes/dev/labc/cli/help}.
 */
public final class HelpPagesWriter {
  private HelpPagesWriter() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    CommandLine root = Main.fullTree();
    write(dir, "labc", root);
    var version = new StringWriter();
    root.printVersionHelp(new PrintWriter(version, true), Help.Ansi.OFF);
    Files.writeString(dir.resolve("version.txt"), version.toString(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("version.ansi.txt"), version.toString(), StandardCharsets.UTF_8);
  }

  private static void write(Path dir, String name, CommandLine command) throws IOException {
    for (boolean color : new boolean[] {false, true}) {
      var out = new StringWriter();
      command.usage(new PrintWriter(out, true), Help.defaultColorScheme(color ? Help.Ansi.ON : Help.Ansi.OFF));
      Files.writeString(dir.resolve(name + (color ? ".ansi.txt" : ".txt")), out.toString(), StandardCharsets.UTF_8);
    }
    for (var sub : command.getSubcommands().entrySet()) {
      // Aliases name the same command; its page is written once, under its name.
      if (sub.getKey().equals(sub.getValue().getCommandName())) write(dir, name + "-" + sub.getKey(), sub.getValue());
    }
  }
}
