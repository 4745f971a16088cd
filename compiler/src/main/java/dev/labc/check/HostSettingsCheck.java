package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * std/os's `os` blocks: one per node (two would both write the sshd drop-in, and the first would
 * silently win), and a warning when sshd is moved off the port labc dials (seed 004's port change).
 */
final class HostSettingsCheck implements ClusterCheck {
  public Code code() { return Code.HOST_SETTINGS; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    var owner = new TreeMap<String, Entity>();
    for (Entity os : p.ofKind("os")) {
      var on = Values.refs(os.get("on"));
      List<String> names = on.isEmpty() ? p.ofKind("node").stream().map(Entity::name).toList() : on.stream().map(Value.Ref::name).toList();
      for (String n : names) {
        Entity first = owner.putIfAbsent(n, os);
        if (first != null && first != os) {
          out.add(Diagnostic.error(code(), os.spanOf("on"), "node `" + n + "` is in two `os` blocks, " + first.name() + " and " + os.name(),
              "declare each node's host settings in one `os` block (an empty `on` means every node)")
              .withRelated(new Related(first.spanOf("on"), "`" + first.name() + "` has node `" + n + "` too")));
        }
        Entity node = p.entity("node", n);
        if (node != null && os.get("ssh_port") instanceof Value.Int port && node.get("ssh_port") instanceof Value.Int dial && port.value() != dial.value()) {
          out.add(Diagnostic.warning(code(), os.spanOf("ssh_port"), "sshd on node `" + n + "` moves to port " + port.value() + ", but labc connects to it on "
              + dial.value(), "after this apply, set `ssh_port = " + port.value() + "` on node " + n));
        }
      }
    }
    return out;
  }
}
