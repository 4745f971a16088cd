package dev.labc.plan;

import dev.labc.addr.NaturalOrder;
import dev.labc.addr.ScopeKind;
import dev.labc.state.Value;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The nodes a plan removes (taken out of the configuration: their recorded {@code endpoint} is
 * destroyed), and which of them were Slurm workers. Derived from the changes, as {@link Disruption}
 * is, so a saved plan says the same: the configuration no longer knows a removed node, but its
 * state does.
 */
public final class NodeRemovals {
  private NodeRemovals() {}

  /** std/slurm's slurm.conf, written on every member: a worker's copy lists it as a NodeName. */
  static final String SLURM_CONF = "/etc/slurm/slurm.conf";

  /** Nodes whose endpoint the plan destroys, natural order. */
  public static Set<String> removed(List<Change> changes) {
    var out = new TreeSet<String>(NaturalOrder.TEXT);
    for (Change c : changes) {
      if (c.action() == Action.DELETE && c.type().equals("endpoint") && c.addr().scope().kind() == ScopeKind.NODE && c.addr().key() == null) {
        out.add(c.addr().scope().name());
      }
    }
    return out;
  }

  /** Removed nodes that were Slurm workers: their own slurm.conf, destroyed with them, had a NodeName line for them. */
  public static Set<String> slurmWorkers(List<Change> changes) {
    var removed = removed(changes);
    var out = new TreeSet<String>(NaturalOrder.TEXT);
    for (Change c : changes) {
      String node = c.addr().scope().name();
      if (c.action() != Action.DELETE || !c.type().equals("file") || !removed.contains(node) || !SLURM_CONF.equals(c.addr().key())) continue;
      if (c.before().get("content") instanceof Value.Text t && Pattern.compile("(?m)^NodeName=" + Pattern.quote(node) + "\\s").matcher(t.value()).find()) out.add(node);
    }
    return out;
  }
}
