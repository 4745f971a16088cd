package dev.labc.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** `--target` and `--exclude`, shared by plan and apply; {@link HostSelection} checks what they name. */
final class SelectionOptions {
  @Option(names = "--target", paramLabel = "NODE|ADDRESS",
      description = "Plan and apply only this node's resources, or only this resource (repeatable).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "NODE|ADDRESS",
      description = "Leave this node, or this resource, alone (repeatable).")
  List<String> excludes = new ArrayList<>();
}
