package dev.labc.plan;

import dev.labc.addr.NaturalOrder;
import dev.labc.addr.ResourceAddr;
import dev.labc.addr.ScopeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A rolling apply (`labc apply --serial N`, or `rollout { batch = N }`): the nodes with a
 * disruptive step ({@link Disruption}) taken {@code size} at a time, each batch only after the one
 * before it completed, the rollout stopping at the first batch with a failure. Nodes without one
 * are applied as usual, alongside. A node comes after every node it waits for (a step of its own
 * depends, through any hosts, on one of theirs), so no batch waits on a later one.
 *
 * @param size nodes per batch; 0 when the apply is not rolling
 * @param batches node names, batch by batch
 */
public record Rollout(int size, List<List<String>> batches) {
  public static final Rollout NONE = new Rollout(0, List.of());

  public Rollout {
    batches = batches.stream().map(List::copyOf).toList();
  }

  public boolean rolling() { return size > 0 && !batches.isEmpty(); }

  /** The batches for {@code changes} (a plan's, or the part of it an apply runs), {@code size} nodes each. */
  public static Rollout of(List<Change> changes, int size) {
    if (size <= 0) return NONE;
    var disrupted = new TreeSet<String>(NaturalOrder.TEXT);
    var hostOf = new HashMap<ResourceAddr, String>();
    for (Change c : changes) {
      if (c.action() == Action.NO_OP || c.addr().scope().kind() == ScopeKind.CLUSTER) continue;
      hostOf.put(c.addr(), c.addr().scope().name());
      if (Disruption.of(c).isPresent()) disrupted.add(c.addr().scope().name());
    }
    if (disrupted.isEmpty()) return new Rollout(size, List.of());
    // Which hosts each host waits for directly, then transitively.
    var waitsFor = new HashMap<String, Set<String>>();
    for (Change c : changes) {
      String h = hostOf.get(c.addr());
      if (h == null) continue;
      for (ResourceAddr d : c.dependsOn()) {
        String other = hostOf.get(d);
        if (other != null && !other.equals(h)) waitsFor.computeIfAbsent(h, k -> new HashSet<>()).add(other);
      }
    }
    Map<String, Set<String>> reach = new TreeMap<>();
    for (String h : disrupted) {
      var seen = new LinkedHashSet<String>();
      var todo = new ArrayList<>(waitsFor.getOrDefault(h, Set.of()));
      while (!todo.isEmpty()) {
        String o = todo.removeLast();
        if (seen.add(o)) todo.addAll(waitsFor.getOrDefault(o, Set.of()));
      }
      seen.retainAll(disrupted);
      seen.remove(h);
      reach.put(h, seen);
    }
    // Natural order, except that a node goes only after the disrupted nodes it waits for.
    var order = new ArrayList<String>();
    var left = new TreeSet<String>(NaturalOrder.TEXT);
    left.addAll(disrupted);
    while (!left.isEmpty()) {
      String next = left.stream().filter(h -> order.containsAll(reach.get(h))).findFirst()
          .orElse(left.first()); // hosts waiting on each other: the compiler refuses step cycles, so this is not expected
      order.add(next);
      left.remove(next);
    }
    var batches = new ArrayList<List<String>>();
    for (int i = 0; i < order.size(); i += size) batches.add(order.subList(i, Math.min(order.size(), i + size)));
    return new Rollout(size, batches);
  }

  /** The nodes that reboot after their steps: those with a step marked {@code (needs reboot)}, in natural order. */
  public static List<String> reboots(List<Change> changes) {
    var out = new TreeSet<String>(NaturalOrder.TEXT);
    for (Change c : changes) {
      if (c.addr().scope().kind() != ScopeKind.CLUSTER && Disruption.of(c).equals(java.util.Optional.of(Disruption.REBOOT))) out.add(c.addr().scope().name());
    }
    return List.copyOf(out);
  }

  /** The plan's reboot section: empty when no node reboots. */
  public static String rebootText(List<Change> changes) {
    var nodes = reboots(changes);
    if (nodes.isEmpty()) return "";
    return "Reboots: " + String.join(", ", nodes) + " reboot" + (nodes.size() == 1 ? "s" : "")
        + " after " + (nodes.size() == 1 ? "its" : "their") + " steps (needs reboot)"
        + (changes.stream().anyMatch(Rollout::needsNewBoot) ? ", but before a MIG layout's mig step, which needs the new boot" : "")
        + "; apply waits for SSH from the new boot and checks it took effect.\n";
  }

  /** A MIG layout is created on the boot where MIG mode is current: apply reboots before it (ApplyEngine's HostRun). */
  private static boolean needsNewBoot(Change c) {
    return c.type().equals("mig") && (c.action() == Action.CREATE || c.action() == Action.UPDATE || c.action() == Action.REPLACE);
  }

  /** The batch (0-based) that {@code host} is in, or -1 when it is not held back. */
  public int batchOf(String host) {
    for (int i = 0; i < batches.size(); i++) if (batches.get(i).contains(host)) return i;
    return -1;
  }

  /** The plan's rollout section: empty when the apply is not rolling. */
  public String text() {
    if (size <= 0) return "";
    if (batches.isEmpty()) return "Rollout: " + size + " node" + (size == 1 ? "" : "s") + " at a time; no step disrupts a node, so all are applied at once.\n";
    var sb = new StringBuilder("Rollout: ").append(size).append(" node").append(size == 1 ? "" : "s")
        .append(" at a time, each batch after the one before completed; the first failed batch stops the rollout.\n");
    for (int i = 0; i < batches.size(); i++) sb.append("  batch ").append(i + 1).append(": ").append(String.join(", ", batches.get(i))).append('\n');
    return sb.toString();
  }
}
