package dev.labc.cli;

import dev.labc.graph.GraphRenderer;
import dev.labc.graph.ResourceGraph;
import java.nio.file.Path;
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
    if (!FormatOption.known(format, java.util.List.of("dot", "mermaid", "text"))) return ExitCode.USAGE;
    var checked = Pipeline.checkFile(file, vars.options());
    if (checked.isEmpty()) return ExitCode.ERRORS;
    ResourceGraph g = checked.get().graph();
    System.out.print(switch (format) {
      case "mermaid" -> GraphRenderer.mermaid(g);
      case "text" -> GraphRenderer.text(g);
      default -> GraphRenderer.dot(g);
    });
    return ExitCode.OK;
  }
}
