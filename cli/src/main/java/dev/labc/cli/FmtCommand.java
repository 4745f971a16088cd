package dev.labc.cli;

import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.format.Formatter;
import dev.labc.source.SourceFile;
import dev.labc.syntax.SourceReader;
import dev.labc.syntax.antlr.SyntaxParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labc fmt [--check] FILE...}: rewrite files in the canonical layout. */
@Command(name = "fmt", description = "Rewrite .lab files in the canonical layout (comments kept). `-` formats stdin to stdout.")
final class FmtCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = ".lab files, or - for standard input")
  List<String> files;

  @Option(names = "--check", description = "Change nothing; exit 1 and list the files that would change.")
  boolean check;

  @Override
  public Integer call() throws IOException {
    var diags = new ArrayList<Diagnostic>();
    int wouldChange = 0;
    boolean bug = false;
    for (String name : files) {
      SourceReader.Read read = name.equals("-")
          ? SourceReader.decode(System.in.readAllBytes(), "<stdin>")
          : SourceReader.read(Path.of(name), name);
      if (!read.diagnostics().isEmpty()) {
        diags.addAll(read.diagnostics());
        continue;
      }
      SourceFile f = read.file();
      Formatter.Result r;
      try {
        r = Formatter.format(SyntaxParser.parse(f));
      } catch (RuntimeException | StackOverflowError e) {
        // A bug met on one file is that file's result; the others are still formatted.
        diags.add(Pipeline.bug(f, "formatting", e));
        bug = true;
        continue;
      }
      if (!r.ok()) {
        diags.addAll(r.diagnostics());
        continue;
      }
      if (name.equals("-")) {
        System.out.print(r.text());
      } else if (!r.text().equals(f.text())) {
        wouldChange++;
        if (check) {
          System.out.println(name);
        } else {
          Path p = Path.of(name);
          // Write beside and rename, so an interrupted fmt never leaves half a file.
          Path tmp = p.resolveSibling("." + p.getFileName() + ".labc-fmt");
          Files.writeString(tmp, r.text(), StandardCharsets.UTF_8);
          Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          System.out.println("formatted " + name);
        }
      }
    }
    diags.sort(Diagnostic.ORDER);
    System.err.print(new HumanDiagnosticRenderer(Terminal.colorStderr()).render(diags));
    if (bug) return ExitCode.INTERNAL;
    if (!diags.isEmpty()) return ExitCode.ERRORS;
    if (check && wouldChange > 0) {
      System.err.println(wouldChange + (wouldChange == 1 ? " file needs" : " files need") + " formatting: run `labc fmt` on "
          + (wouldChange == 1 ? "it" : "them"));
      return ExitCode.ERRORS;
    }
    return ExitCode.OK;
  }
}
