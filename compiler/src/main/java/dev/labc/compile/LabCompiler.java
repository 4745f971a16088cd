package dev.labc.compile;

import dev.labc.check.ClusterChecks;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.module.ModuleResolver;
import dev.labc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler's one entry point: a .lab file to its diagnostics and resource graph (evaluate, then
 * cluster checks, then the graph; each stage runs only when the one before had no errors). The
 * stdlib comes in through the {@link ModuleResolver}, so the compiler knows no class path or jar;
 * `labc check`, plan, apply and the language server all compile through here and never disagree.
 */
public final class LabCompiler {
  private final ModuleResolver modules;
  private final String version;

  /** @param version labc's version, named in the E0001 report of a bug so the report says which build */
  public LabCompiler(ModuleResolver modules, String version) {
    this.modules = modules;
    this.version = version;
  }

  public ModuleResolver modules() { return modules; }

  /** Compiles one file; every problem in the input comes back as a diagnostic. */
  public Checked check(SourceFile file, Evaluator.Options options) {
    Evaluator.Result r = Evaluator.evaluate(file, modules, options);
    var diags = new ArrayList<>(r.diagnostics());
    ResourceGraph graph = null;
    if (r.ok()) diags.addAll(ClusterChecks.run(r.program()));
    // Templates that do not render, the steps' order, conflicts and cycles are check errors too:
    // found in the one pass that builds the graph, before anything runs. A loop's files fail at
    // one place once per pass, folded as the checks' findings are.
    if (r.ok() && diags.stream().noneMatch(Diagnostic::isError)) {
      var built = ResourceGraphBuilder.buildChecked(r.program());
      diags.addAll(ClusterChecks.foldedByPlace(built.diagnostics()));
      graph = built.graph();
    }
    diags.sort(Diagnostic.ORDER);
    return new Checked(r, diags, graph);
  }

  /**
   * {@link #check}, with a bug in labc (an exception, never the input's fault) turned into an E0001
   * diagnostic on the file, so a caller checking several files reports every one of them.
   */
  public Checked checkOrReportBug(SourceFile file, Evaluator.Options options) {
    try {
      return check(file, options);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return new Checked(null, List.of(bug(file, "checking", e)), null);
    }
  }

  /** The E0001 diagnostic for a bug in labc met while {@code doing} (checking, formatting) {@code file}. */
  public Diagnostic bug(SourceFile file, String doing, Throwable e) {
    if (System.getenv("LABC_DEBUG") != null) e.printStackTrace();
    return Diagnostic.error(Code.INTERNAL_ERROR, file.span(0, 0),
        "internal error while " + doing + " this file (a bug in labc " + version + ", not in your input): "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
        "rerun with LABC_DEBUG=1 to see the stack trace, and report it with this file");
  }
}
