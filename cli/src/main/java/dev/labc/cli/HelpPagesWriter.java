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
 * the class output directory ({@code target/classes}).
 */
public final class HelpPagesWriter {
  private HelpPagesWriter() {}

  public static void main(String[] args) throws IOException {
    // Beside HelpPages in the class output, where it reads them (HelpPages.resource).
    Path dir = Path.of(args[0]).resolve(HelpPages.class.getPackageName().replace('.', '/'));
    CommandLine root = Main.fullTree();
    write(dir, "labc", root);
    var version = new StringWriter();
    root.printVersionHelp(new PrintWriter(version, true), Help.Ansi.OFF);
    for (boolean color : new boolean[] {false, true}) save(dir, HelpPages.resource("version", color), version.toString());
  }

  private static void write(Path dir, String name, CommandLine command) throws IOException {
    for (boolean color : new boolean[] {false, true}) {
      var out = new StringWriter();
      command.usage(new PrintWriter(out, true), Help.defaultColorScheme(color ? Help.Ansi.ON : Help.Ansi.OFF));
      save(dir, HelpPages.resource(name, color), out.toString());
    }
    for (var sub : command.getSubcommands().entrySet()) {
      // Aliases name the same command; its page is written once, under its name.
      if (sub.getKey().equals(sub.getValue().getCommandName())) write(dir, name + "-" + sub.getKey(), sub.getValue());
    }
  }

  private static void save(Path dir, String resource, String text) throws IOException {
    Path file = dir.resolve(resource);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
