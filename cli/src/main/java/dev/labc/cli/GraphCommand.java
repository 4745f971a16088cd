package dev.labc.cli;

import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.graph.GraphRenderer;
import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labc graph FILE}: the resource graph as DOT, Mermaid or sorted text. */
@Command(name = "graph", description = "Print the resource graph as DOT (default), Mermaid or text.")
final class GraphCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Option(names = "--format", defaultValue = "dot", description = "dot, mermaid or text.")
  String format;

  @Mixin
  VarOptions vars;

  @Override
  public Integer call() {
    var in = SourceInputs.read(List.of(file));
    if (in.files.isEmpty()) {
      System.err.print(new HumanDiagnosticRenderer(Terminal.colorStderr()).render(in.diagnostics));
      return ExitCode.ERRORS;
    }
    var checked = Pipeline.check(in.files.get(0), vars.options());
    if (!checked.diagnostics().isEmpty()) System.err.print(new HumanDiagnosticRenderer(Terminal.colorStderr()).render(checked.diagnostics()));
    if (!checked.ok()) return ExitCode.ERRORS;
    ResourceGraph g = ResourceGraphBuilder.build(checked.evaluation().program());
    System.out.print(switch (format) {
      case "mermaid" -> GraphRenderer.mermaid(g);
      case "text" -> GraphRenderer.text(g);
      default -> GraphRenderer.dot(g);
    });
    return ExitCode.OK;
  }
}
