package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import java.util.List;

/**
 * std/os's `kernel_args` kind (seed 000's `nouveau.modeset=0`, IOMMU settings): per node, a GRUB
 * drop-in appending the arguments, and `update-grub` run whenever it changes. Disruption marks
 * that command `(needs reboot)`, so the node reboots after its batch and BootChecks then reads
 * the new boot's command line for every argument.
 */
final class KernelArgsExpansion {
  private KernelArgsExpansion() {}

  static void expand(Program program, Entity block, Emit emit) {
    var on = Values.refs(block.get("on"));
    List<String> nodes = on.isEmpty() ? program.ofKind("node").stream().map(Entity::name).toList() : on.stream().map(Value.Ref::name).toList();
    List<String> args = block.get("args") instanceof Value.ListV l ? l.items().stream().map(Values::text).toList() : List.of();
    for (String n : nodes) {
      Scope s = Scope.node(n);
      ResourceAddr dropIn = emit.file(s, GrubDropIn.path(block.name()), GrubDropIn.content(block.name(), args), List.of(), block.spanOf("args"));
      emit.triggered(s, "update-grub-" + block.name(), ShellCommand.builder().literal("update-grub").build(), List.of(dropIn), List.of(), block.spanOf("args"));
    }
  }
}
