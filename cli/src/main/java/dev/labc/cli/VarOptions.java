package dev.labc.cli;

import dev.labc.eval.Evaluator;
import dev.labc.source.SourceFile;
import dev.labc.syntax.SourceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** `--var name=value` and `--var-file vars.lab`, shared by the commands that evaluate. */
final class VarOptions {
  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Set a param (not for secret params).")
  List<String> vars = new ArrayList<>();

  @Option(names = "--var-file", paramLabel = "FILE", description = "A .lab file of `name = value` lines setting params.")
  List<Path> varFiles = new ArrayList<>();

  Evaluator.Options options() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String v : vars) {
      int eq = v.indexOf('=');
      if (eq <= 0) throw new picocli.CommandLine.ParameterException(Main.fullTree(), "--var needs NAME=VALUE, got `" + v + "`");
      map.put(v.substring(0, eq), v.substring(eq + 1));
    }
    var files = new ArrayList<SourceFile>();
    for (Path p : varFiles) {
      var r = SourceReader.read(p, p.toString());
      // A var file that cannot be read once vanished silently, and the params it set were "missing".
      if (r.file() == null) {
        String why = r.diagnostics().isEmpty() ? "cannot read it" : r.diagnostics().get(0).message();
        throw new picocli.CommandLine.ParameterException(Main.fullTree(), "--var-file " + p + ": " + why);
      }
      files.add(r.file());
    }
    return new Evaluator.Options(map, files, Environment::get);
  }
}
