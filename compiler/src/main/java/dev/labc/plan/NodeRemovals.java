package dev.labc.plan;

import dev.labc.addr.NaturalOrder;
import dev.labc.addr.ScopeKind;
import dev.labc.state.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
  /** A Kubernetes member's config.yaml (KubernetesInstall), whose first line names its cluster. */
  private static final Pattern KUBE_CONFIG = Pattern.compile("^/etc/rancher/(rke2|k3s)/config\\.yaml$");
  private static final Pattern KUBE_CLUSTER = Pattern.compile("\\A# managed by labc: cluster (\\S+)\\n");

  /** A removed node's Kubernetes membership: its cluster's name, and the node name Kubernetes knows it by (its hostname). */
  public record KubeMember(String cluster, String name) {}

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

  /**
   * Removed nodes that were Kubernetes members: their own config.yaml, destroyed with them, named
   * the cluster; Kubernetes knows them by the hostname state recorded, else by their name.
   */
  public static Map<String, KubeMember> kubeMembers(List<Change> changes) {
    var removed = removed(changes);
    var clusters = new TreeMap<String, String>();
    var hostnames = new TreeMap<String, String>();
    for (Change c : changes) {
      String node = c.addr().scope().name();
      if (c.action() != Action.DELETE || !removed.contains(node)) continue;
      if (c.type().equals("hostname") && c.before().get("name") instanceof Value.Text h) hostnames.put(node, h.value());
      if (c.type().equals("file") && c.addr().key() != null && KUBE_CONFIG.matcher(c.addr().key()).matches()
          && c.before().get("content") instanceof Value.Text t) {
        var m = KUBE_CLUSTER.matcher(t.value());
        if (m.find()) clusters.put(node, m.group(1));
      }
    }
    var out = new TreeMap<String, KubeMember>(NaturalOrder.TEXT);
    clusters.forEach((node, cluster) -> out.put(node, new KubeMember(cluster, hostnames.getOrDefault(node, node))));
    return out;
  }
}
