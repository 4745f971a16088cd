package dev.labc.plan;

import dev.labc.addr.NaturalOrder;
import dev.labc.addr.ScopeKind;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an apply of a plan does around its disruptive steps ({@link Disruption}): the nodes it
 * drains in Slurm and in Kubernetes first, the nodes it reboots after, and the batches of a rolling
 * apply. Part of the plan, so every format shows it and a saved plan keeps its batches
 * ({@code labc plan --serial 1 -out p.json} then {@code labc apply p.json} rolls one node at a time).
 * Only the drained nodes and the batch size are recorded: reboots and batches are derived from the
 * changes, as {@link Need}s are, so a saved plan cannot disagree with its own steps.
 *
 * @param slurmDrains the plan's disrupted nodes that are Slurm workers, natural order
 * @param kubeDrains the plan's disrupted nodes that are members of a declared Kubernetes cluster
 * @param batchSize nodes per batch of a rolling apply; 0 when the apply is not rolling
 */
public record Disruptions(List<String> slurmDrains, List<String> kubeDrains, int batchSize) {
  public static final Disruptions NONE = new Disruptions(List.of(), List.of(), 0);

  public Disruptions {
    if (batchSize < 0) throw new IllegalArgumentException("a rollout batch is 1 or more nodes, or 0 for none: " + batchSize);
    slurmDrains = sorted(slurmDrains);
    kubeDrains = sorted(kubeDrains);
  }

  /** For {@code changes}: the disrupted nodes among {@code slurmWorkers} and {@code kubeMembers} (labc node names). */
  public static Disruptions of(List<Change> changes, Set<String> slurmWorkers, Set<String> kubeMembers, int batchSize) {
    var disrupted = disrupted(changes);
    // A node removed from the configuration is no worker of it any more; its state says it was one.
    var workers = new TreeSet<String>(slurmWorkers);
    workers.addAll(NodeRemovals.slurmWorkers(changes));
    var members = new TreeSet<String>(kubeMembers);
    members.addAll(NodeRemovals.kubeMembers(changes).keySet());
    return new Disruptions(disrupted.stream().filter(workers::contains).toList(),
        disrupted.stream().filter(members::contains).toList(), batchSize);
  }

  /** The same for a selection of the changes it was made for (a plan's {@code withChanges}): drains of nodes no longer disrupted go. */
  public Disruptions within(List<Change> changes) {
    var disrupted = disrupted(changes);
    return new Disruptions(slurmDrains.stream().filter(disrupted::contains).toList(),
        kubeDrains.stream().filter(disrupted::contains).toList(), batchSize);
  }

  public List<String> reboots(List<Change> changes) { return Rollout.reboots(changes); }

  public Rollout rollout(List<Change> changes) { return Rollout.of(changes, batchSize); }

  /** The plan text's drain, reboot and rollout sections; empty when none applies. */
  public String text(List<Change> changes) {
    var sb = new StringBuilder();
    var removed = NodeRemovals.removed(changes);
    var staying = slurmDrains.stream().filter(n -> !removed.contains(n)).toList();
    var leaving = slurmDrains.stream().filter(removed::contains).toList();
    if (!staying.isEmpty()) sb.append("Drains: ").append(String.join(", ", staying)).append(" drained in Slurm before ").append(its(staying))
        .append(" disruptive steps (scontrol update state=drain; running jobs end on their own, never cancelled), resumed after.\n");
    if (!leaving.isEmpty()) sb.append("Drains: ").append(String.join(", ", leaving)).append(" drained in Slurm before ").append(its(leaving))
        .append(" removal (scontrol update state=drain; running jobs end on their own, never cancelled); no step of this apply runs until ")
        .append(leaving.size() == 1 ? "it is" : "they are").append(" drained, and ").append(leaving.size() == 1 ? "it is" : "they are").append(" not resumed.\n");
    var staysKube = kubeDrains.stream().filter(n -> !removed.contains(n)).toList();
    var leavesKube = kubeDrains.stream().filter(removed::contains).toList();
    if (!staysKube.isEmpty()) sb.append("Drains: ").append(String.join(", ", staysKube)).append(" cordoned and drained in Kubernetes before ").append(its(staysKube))
        .append(" disruptive steps (pods evicted as their PodDisruptionBudgets allow; DaemonSet pods stay), uncordoned after.\n");
    if (!leavesKube.isEmpty()) sb.append("Drains: ").append(String.join(", ", leavesKube)).append(" cordoned and drained in Kubernetes before ").append(its(leavesKube))
        .append(" removal (pods evicted as their PodDisruptionBudgets allow; DaemonSet pods stay); no step of this apply runs until ")
        .append(leavesKube.size() == 1 ? "it is" : "they are").append(" drained, and ").append(leavesKube.size() == 1 ? "it is" : "they are").append(" not uncordoned.\n");
    return sb.append(Rollout.rebootText(changes)).append(rollout(changes).text()).toString();
  }

  /** The same sections for the Markdown plan (a pull-request comment): one list under a heading, empty when none applies. */
  public String markdown(List<Change> changes) {
    var reboots = reboots(changes);
    var rollout = rollout(changes);
    if (slurmDrains.isEmpty() && kubeDrains.isEmpty() && reboots.isEmpty() && batchSize == 0) return "";
    var sb = new StringBuilder("**Disruption:**\n\n");
    var removed = NodeRemovals.removed(changes);
    var staying = slurmDrains.stream().filter(n -> !removed.contains(n)).toList();
    var leaving = slurmDrains.stream().filter(removed::contains).toList();
    if (!staying.isEmpty()) sb.append("- **Drained in Slurm** before ").append(its(staying)).append(" disruptive steps, resumed after (jobs never cancelled): ")
        .append(code(staying)).append('\n');
    if (!leaving.isEmpty()) sb.append("- **Drained in Slurm before removal**, first of all, never resumed (jobs never cancelled): ")
        .append(code(leaving)).append('\n');
    var staysKube = kubeDrains.stream().filter(n -> !removed.contains(n)).toList();
    var leavesKube = kubeDrains.stream().filter(removed::contains).toList();
    if (!staysKube.isEmpty()) sb.append("- **Cordoned and drained in Kubernetes** before ").append(its(staysKube))
        .append(" disruptive steps, uncordoned after (PodDisruptionBudgets respected): ").append(code(staysKube)).append('\n');
    if (!leavesKube.isEmpty()) sb.append("- **Cordoned and drained in Kubernetes before removal**, first of all, never uncordoned (PodDisruptionBudgets respected): ")
        .append(code(leavesKube)).append('\n');
    if (!reboots.isEmpty()) sb.append("- **Rebooted** after ").append(its(reboots)).append(" steps (needs reboot), boot checked: ").append(code(reboots)).append('\n');
    if (batchSize > 0 && rollout.batches().isEmpty()) {
      sb.append("- **Rollout:** ").append(batchSize).append(" node").append(batchSize == 1 ? "" : "s").append(" at a time; no step disrupts a node, so all are applied at once\n");
    } else if (batchSize > 0) {
      sb.append("- **Rollout:** ").append(batchSize).append(" node").append(batchSize == 1 ? "" : "s")
          .append(" at a time, each batch after the one before completed; the first failed batch stops the rollout\n");
      for (int i = 0; i < rollout.batches().size(); i++) sb.append("  ").append(i + 1).append(". ").append(code(rollout.batches().get(i))).append('\n');
    }
    return sb.append('\n').toString();
  }

  private static TreeSet<String> disrupted(List<Change> changes) {
    var out = new TreeSet<String>(NaturalOrder.TEXT);
    for (Change c : changes) {
      if (c.addr().scope().kind() != ScopeKind.CLUSTER && Disruption.of(c).isPresent()) out.add(c.addr().scope().name());
    }
    out.addAll(NodeRemovals.removed(changes)); // taking a node away disrupts whatever runs on it
    return out;
  }

  private static List<String> sorted(List<String> nodes) {
    var s = new TreeSet<String>(NaturalOrder.TEXT);
    s.addAll(nodes);
    return List.copyOf(s);
  }

  private static String its(List<String> nodes) { return nodes.size() == 1 ? "its" : "their"; }

  private static String code(List<String> nodes) { return String.join(", ", nodes.stream().map(n -> "`" + n + "`").toList()); }
}
