package dev.labc.cli;

import dev.labc.check.ClusterChecks;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.module.ModuleResolver;
import dev.labc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** The compile pipeline the commands share: evaluate, then cluster checks; stop at the first stage with errors. */
final class Pipeline {
  private Pipeline() {}

  record Checked(Evaluator.Result evaluation, List<Diagnostic> diagnostics) {
    boolean ok() { return diagnostics.stream().noneMatch(Diagnostic::isError); }
  }

  static Checked check(SourceFile file, Evaluator.Options options) {
    var resolver = new ModuleResolver(Pipeline.class.getClassLoader());
    Evaluator.Result r = Evaluator.evaluate(file, resolver, options);
    var diags = new ArrayList<>(r.diagnostics());
    if (r.ok()) diags.addAll(ClusterChecks.run(r.program()));
    diags.sort(Diagnostic.ORDER);
    return new Checked(r, diags);
  }
}
