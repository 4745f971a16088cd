package dev.labc.cli;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.ScopeKind;
import dev.labc.diag.Spelling;
import dev.labc.plan.Plan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What `--target` and `--exclude` select, each name resolved to a node or a resource address that
 * the configuration or the recorded state knows. A name that is neither is an error before
 * anything is planned or dialled: a mistyped `--exclude gpu-7` once let the host it meant to spare be applied.
 */
record HostSelection(SortedSet<String> targetNodes, SortedSet<ResourceAddr> targetAddrs,
                     SortedSet<String> excludeNodes, SortedSet<ResourceAddr> excludeAddrs) {
  static final HostSelection ALL = new HostSelection(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>());

  HostSelection {
    targetNodes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(targetNodes));
    targetAddrs = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(targetAddrs));
    excludeNodes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(excludeNodes));
    excludeAddrs = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(excludeAddrs));
  }

  /** A selection, or the errors (one per unknown name, each with its hint) that refused it. */
  sealed interface Resolved permits Resolved.Ok, Resolved.Refused {
    record Ok(HostSelection selection) implements Resolved {}
    record Refused(List<String> errors) implements Resolved {}
  }

  boolean isAll() {
    return targetNodes.isEmpty() && targetAddrs.isEmpty() && excludeNodes.isEmpty() && excludeAddrs.isEmpty();
  }

  /** Whether a change to this resource is part of the plan. */
  boolean selects(ResourceAddr addr) {
    boolean onNode = addr.scope().kind() == ScopeKind.NODE;
    if (excludeAddrs.contains(addr) || onNode && excludeNodes.contains(addr.scope().name())) return false;
    if (targetNodes.isEmpty() && targetAddrs.isEmpty()) return true;
    return targetAddrs.contains(addr) || onNode && targetNodes.contains(addr.scope().name());
  }

  /** Whether the refresh asks this node: never an excluded one, and under --target only the targeted ones. */
  boolean reaches(String node) {
    if (excludeNodes.contains(node)) return false;
    if (targetNodes.isEmpty() && targetAddrs.isEmpty()) return true;
    return targetNodes.contains(node)
        || targetAddrs.stream().anyMatch(a -> a.scope().kind() == ScopeKind.NODE && a.scope().name().equals(node));
  }

  /** The plan with only the selected changes: the summary, the saved plan and the apply all see just those. */
  Plan restrict(Plan plan) {
    if (isAll()) return plan;
    return plan.withChanges(plan.changes().stream().filter(c -> selects(c.addr())).toList());
  }

  /** The flags as a saved plan records them, in a fixed order: `target NAME` and `exclude NAME` lines. */
  List<String> describe() {
    var out = new ArrayList<String>();
    targetNodes.forEach(n -> out.add("target " + n));
    targetAddrs.forEach(a -> out.add("target " + a));
    excludeNodes.forEach(n -> out.add("exclude " + n));
    excludeAddrs.forEach(a -> out.add("exclude " + a));
    return out;
  }

  /**
   * Resolves each name against the nodes and resource addresses that the configuration declares
   * or the state records. A node name is taken as the node; anything else must be an address.
   */
  static Resolved resolve(SelectionOptions flags, Set<String> nodes, Set<ResourceAddr> addrs) {
    var errors = new ArrayList<String>();
    var tn = new TreeSet<String>();
    var ta = new TreeSet<ResourceAddr>();
    var en = new TreeSet<String>();
    var ea = new TreeSet<ResourceAddr>();
    resolveAll("--target", flags == null ? List.of() : flags.targets, nodes, addrs, tn, ta, errors);
    resolveAll("--exclude", flags == null ? List.of() : flags.excludes, nodes, addrs, en, ea, errors);
    if (!errors.isEmpty()) return new Resolved.Refused(errors);
    return new Resolved.Ok(new HostSelection(tn, ta, en, ea));
  }

  private static void resolveAll(String flag, Collection<String> names, Set<String> nodes, Set<ResourceAddr> addrs,
                                 Set<String> outNodes, Set<ResourceAddr> outAddrs, List<String> errors) {
    for (String name : names) {
      String n = name.strip();
      if (nodes.contains(n)) {
        outNodes.add(n);
        continue;
      }
      ResourceAddr addr = null;
      try {
        addr = ResourceAddr.parse(n);
      } catch (IllegalArgumentException e) {
        // not an address either; reported below with the closest name
      }
      if (addr != null && addrs.contains(addr)) {
        outAddrs.add(addr);
        continue;
      }
      var candidates = new TreeSet<String>(nodes);
      if (n.contains(".")) addrs.forEach(a -> candidates.add(a.toString()));
      String hint = Spelling.didYouMean(n, candidates);
      if (hint == null && addr != null && addr.scope().kind() == ScopeKind.NODE && !nodes.contains(addr.scope().name())) {
        String node = addr.scope().name();
        hint = Spelling.suggest(node, nodes).map(s -> "there is no node `" + node + "`; did you mean node `" + s + "`?").orElse(null);
      }
      if (hint == null) {
        hint = "nodes are " + abbreviated(nodes) + "; a resource is named by its address, as `labc state list` and the plan show it";
      }
      errors.add("error: " + flag + " " + name + ": no node or resource of that name in the configuration or its state\n  hint: " + hint);
    }
  }

  private static String abbreviated(Set<String> nodes) {
    if (nodes.isEmpty()) return "(none)";
    List<String> first = nodes.stream().sorted().limit(8).toList();
    return String.join(", ", first) + (nodes.size() > first.size() ? ", ... (" + nodes.size() + " in all)" : "");
  }
}
