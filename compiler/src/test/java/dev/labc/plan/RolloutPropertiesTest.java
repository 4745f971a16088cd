package dev.labc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.NaturalOrder;
import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Rolling-apply batches over generated plans: nodes, some with a disruptive step (a driver
 * package), steps waiting on other nodes' steps (acyclic, in an order unrelated to the names).
 */
class RolloutPropertiesTest {
  @Property(tries = 200)
  void everyDisruptedNodeIsInOneBatchNoBatchWaitsOnALaterOneAndTheRestAreNotHeld(
      @ForAll @IntRange(min = 1, max = 14) int nodes, @ForAll @IntRange(min = 1, max = 5) int size, @ForAll long seed) {
    var random = new Random(seed);
    var names = new ArrayList<String>();
    for (int i = 1; i <= nodes; i++) names.add("n-" + i);
    // Dependencies go from later to earlier in a shuffled order: acyclic, unrelated to natural order.
    var order = new ArrayList<>(names);
    Collections.shuffle(order, random);
    var disrupted = new TreeSet<String>(NaturalOrder.TEXT);
    var deps = new HashMap<String, Set<String>>();
    var changes = new ArrayList<Change>();
    for (int i = 0; i < order.size(); i++) {
      String n = order.get(i);
      boolean disruptive = random.nextInt(3) > 0;
      if (disruptive) disrupted.add(n);
      var on = new ArrayList<ResourceAddr>();
      for (int j = 0; j < i; j++) {
        if (random.nextInt(4) == 0) {
          on.add(Scope.node(order.get(j)).resource("file", "/etc/x"));
          deps.computeIfAbsent(n, k -> new HashSet<>()).add(order.get(j));
        }
      }
      changes.add(new Change(Scope.node(n).resource("file", "/etc/x"), "file", Action.CREATE, new TreeMap<>(),
          new TreeMap<>(Map.of("path", new Value.Text("/etc/x"))), new TreeSet<>(), on));
      if (disruptive) changes.add(new Change(Scope.node(n).resource("package", "nvidia-driver-550"), "package", Action.CREATE, new TreeMap<>(),
          new TreeMap<>(Map.of("name", new Value.Text("nvidia-driver-550"))), new TreeSet<>(), List.of(Scope.node(n).resource("file", "/etc/x"))));
    }
    Rollout r = Rollout.of(changes, size);

    var placed = new ArrayList<String>();
    r.batches().forEach(placed::addAll);
    assertEquals(new ArrayList<>(disrupted), placed.stream().sorted(NaturalOrder.TEXT).toList(), "each disrupted node once, no other");
    for (int b = 0; b < r.batches().size(); b++) {
      int len = r.batches().get(b).size();
      assertTrue(b == r.batches().size() - 1 ? len >= 1 && len <= size : len == size, "batch sizes " + r.batches());
    }
    for (String n : disrupted) {
      for (String waited : closure(n, deps)) {
        if (disrupted.contains(waited)) assertTrue(r.batchOf(waited) <= r.batchOf(n), n + " waits for " + waited + ": " + r.batches());
      }
    }
    for (String n : names) if (!disrupted.contains(n)) assertEquals(-1, r.batchOf(n));
    if (deps.isEmpty()) assertEquals(new ArrayList<>(disrupted), placed, "natural order when nothing waits");
    assertEquals(Rollout.NONE, Rollout.of(changes, 0));
  }

  @Property(tries = 50)
  void onlyTheStepsThatNeedABootOrStopJobsDisrupt(@ForAll @IntRange(min = 0, max = 5) int pick) {
    record Case(String type, String attr, String value, boolean disrupts) {}
    var cases = List.of(new Case("package", "name", "nvidia-driver-550-server", true), new Case("package", "name", "htop", false),
        new Case("command", "command", "update-initramfs -u && touch /x", true), new Case("command", "command", "echo update-grub", false),
        new Case("service", "name", "slurmd", true), new Case("service", "name", "munge", false));
    Case c = cases.get(pick);
    var change = new Change(Scope.node("n").resource(c.type(), "k"), c.type(), Action.CREATE, new TreeMap<>(),
        new TreeMap<>(Map.of(c.attr(), new Value.Text(c.value()))), new TreeSet<>(), List.of());
    assertEquals(c.disrupts(), Disruption.of(change).isPresent(), c.toString());
  }

  private static Set<String> closure(String n, Map<String, Set<String>> deps) {
    var seen = new HashSet<String>();
    var todo = new ArrayList<>(deps.getOrDefault(n, Set.of()));
    while (!todo.isEmpty()) {
      String o = todo.removeLast();
      if (seen.add(o)) todo.addAll(deps.getOrDefault(o, Set.of()));
    }
    return seen;
  }
}
