package dev.labc.cli;

import dev.labc.compile.Checked;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.diag.render.JsonDiagnosticWriter;
import dev.labc.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labc check FILE...}: parse and check; exit 0 when clean, 1 on errors. */
@Command(name = "check", description = "Parse and check .lab files; report every problem found.")
final class CheckCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = ".lab files to check")
  List<Path> files;

  @Option(names = "--format", defaultValue = "human", description = "Output format: human or json.")
  String format;

  @picocli.CommandLine.Mixin
  VarOptions vars;

  @Override
  public Integer call() {
    if (!FormatOption.known(format, List.of("human", "json"))) return ExitCode.USAGE;
    var in = SourceInputs.read(files);
    var diags = new ArrayList<Diagnostic>(in.diagnostics);
    boolean bug = false;
    for (SourceFile f : in.files) {
      // A bug hit by one file is that file's result; the files after it are still checked.
      Checked checked = Pipeline.checkOrReportBug(f, vars.options());
      bug |= checked.hitBug();
      diags.addAll(checked.diagnostics());
    }
    diags.sort(Diagnostic.ORDER);
    long errors = diags.stream().filter(Diagnostic::isError).count();
    long warnings = diags.size() - errors;
    if ("json".equals(format)) {
      System.out.print(new JsonDiagnosticWriter().write(diags));
    } else {
      System.err.print(new HumanDiagnosticRenderer(Terminal.colorStderr()).render(diags));
      if (errors == 0) {
        System.out.println("ok: " + files.size() + (files.size() == 1 ? " file" : " files") + " checked"
            + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : ""));
      } else {
        System.err.println("check failed: " + errors + (errors == 1 ? " error" : " errors")
            + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : ""));
      }
    }
    if (bug) return ExitCode.INTERNAL;
    return errors == 0 ? ExitCode.OK : ExitCode.ERRORS;
  }
}
