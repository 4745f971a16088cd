package dev.labc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Nodes taken out of the configuration, over generated clusters: each node stays or is removed
 * (its endpoint destroyed), and a removed one was a Slurm worker (its slurm.conf listed it), a
 * K3s member (its config.yaml named the cluster), a controller only (slurm.conf without itself),
 * or neither. The plan drains exactly the removed workers and members, says "before removal" for
 * them and never "resumed after", and a saved plan keeps them.
 */
class NodeRemovalsPropertyTest {
  @Property(tries = 80)
  void removedWorkersAndMembersAreDrainedBeforeTheirRemoval(@ForAll @IntRange(min = 1, max = 10) int nodes, @ForAll long seed) throws Exception {
    var rnd = new java.util.Random(seed);
    var changes = new ArrayList<Change>();
    var workers = new TreeSet<String>(dev.labc.addr.NaturalOrder.TEXT);
    var members = new TreeMap<String, NodeRemovals.KubeMember>(dev.labc.addr.NaturalOrder.TEXT);
    var removed = new TreeSet<String>(dev.labc.addr.NaturalOrder.TEXT);
    for (int i = 1; i <= nodes; i++) {
      String n = "gpu-" + i;
      if (!rnd.nextBoolean()) {
        changes.add(change(n, "file", "/etc/motd", Action.UPDATE, Map.of("content", "hi\n")));
        continue;
      }
      removed.add(n);
      changes.add(change(n, "endpoint", null, Action.DELETE, Map.of("address", "10.0.1." + i)));
      changes.add(change(n, "hostname", null, Action.DELETE, Map.of("name", "host-" + i)));
      switch (rnd.nextInt(4)) {
        case 0 -> {
          workers.add(n);
          changes.add(change(n, "file", "/etc/slurm/slurm.conf", Action.DELETE,
              Map.of("content", "# managed by labc\nClusterName=lab\nNodeName=" + n + " NodeAddr=10.0.1." + i + " State=UNKNOWN\n")));
        }
        case 1 -> changes.add(change(n, "file", "/etc/slurm/slurm.conf", Action.DELETE,
            Map.of("content", "# managed by labc\nClusterName=lab\nNodeName=" + n + "0 NodeAddr=10.0.1.99 State=UNKNOWN\n")));
        case 2 -> {
          members.put(n, new NodeRemovals.KubeMember("k3s", "host-" + i));
          changes.add(change(n, "file", "/etc/rancher/k3s/config.yaml", Action.DELETE,
              Map.of("content", "# managed by labc: cluster k3s\nserver: https://10.0.1.1:6443\nnode-ip: 10.0.1." + i + "\n")));
        }
        default -> changes.add(change(n, "file", "/etc/motd", Action.DELETE, Map.of("content", "NodeName=" + n + " \n")));
      }
    }
    assertEquals(removed, NodeRemovals.removed(changes));
    assertEquals(workers, NodeRemovals.slurmWorkers(changes));
    assertEquals(members, NodeRemovals.kubeMembers(changes));

    var d = Disruptions.of(changes, Set.of(), Set.of(), 0);
    assertEquals(List.copyOf(workers), d.slurmDrains());
    assertEquals(List.copyOf(members.keySet()), d.kubeDrains());
    String text = d.text(changes);
    assertFalse(text.contains("resumed after") || text.contains("uncordoned after"), text);
    if (!workers.isEmpty()) assertTrue(text.contains("Drains: " + String.join(", ", workers) + " drained in Slurm before " + (workers.size() == 1 ? "its" : "their") + " removal"), text);
    if (!members.isEmpty()) assertTrue(text.contains("Drains: " + String.join(", ", members.keySet()) + " cordoned and drained in Kubernetes before "), text);

    Plan plan = new Plan(Plan.FORMAT_VERSION, "test", "cluster.lab", "sha256:0", null, 0, changes).withDisruptions(d);
    assertEquals(d, PlanCodec.decode(PlanCodec.encode(plan), "plan.json").disruptions());
  }

  private static Change change(String node, String type, String key, Action action, Map<String, String> attrs) {
    var values = new TreeMap<String, Value>();
    attrs.forEach((k, v) -> values.put(k, new Value.Text(v)));
    var none = new TreeMap<String, Value>();
    String addr = "node." + node + "." + type + (key == null ? "" : "[\"" + key + "\"]");
    return new Change(ResourceAddr.parse(addr), type, action, action == Action.CREATE ? none : values, action == Action.DELETE ? none : values,
        new TreeSet<>(), List.of());
  }
}
