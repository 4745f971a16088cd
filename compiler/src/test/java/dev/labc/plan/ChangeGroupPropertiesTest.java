package dev.labc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.NaturalOrder;
import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Grouping never hides a difference: over generated plans whose nodes share most changes and whose
 * values mention their own and each other's names and addresses (and the placeholders themselves),
 * expanding the groups gives back exactly the changes, and what people read does not depend on the
 * order the changes came in.
 */
class ChangeGroupPropertiesTest {
  // Names that contain one another (n1 in n10, gpu-1 in gpu-1.lan), spell one number twice (gpu-01), or are short.
  static final List<String> NAMES = List.of("n1", "n2", "n10", "n11", "gpu-1", "gpu-01", "gpu-2", "a", "a-1", "train-64", "x_1");
  static final List<String> ADDRESSES = List.of("10.0.0.1", "10.0.0.10", "10.0.0.2", "gpu-1.lan", "a", "fe80::1");
  static final List<Action> ACTIONS = List.of(Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DELETE, Action.NO_OP);

  @Provide
  Arbitrary<List<Change>> plans() {
    return Arbitraries.longs().map(seed -> generate(new Random(seed)));
  }

  static List<Change> generate(Random rnd) {
    var nodes = new ArrayList<>(NAMES);
    Collections.shuffle(nodes, rnd);
    nodes = new ArrayList<>(nodes.subList(0, 1 + rnd.nextInt(nodes.size())));
    var address = new TreeMap<String, String>();
    for (String n : nodes) if (rnd.nextInt(4) != 0) address.put(n, ADDRESSES.get(rnd.nextInt(ADDRESSES.size())));
    var changes = new ArrayList<Change>();
    for (String n : nodes) {
      if (address.containsKey(n)) {
        changes.add(new Change(Scope.node(n).resource("endpoint"), "endpoint", Action.CREATE, new TreeMap<>(),
            new TreeMap<>(Map.of("address", new Value.Text(address.get(n)), "port", Value.of(22))), new TreeSet<>(), List.of()));
      }
    }
    int resources = 1 + rnd.nextInt(6);
    for (int r = 0; r < resources; r++) {
      String type = List.of("file", "user", "package", "command").get(rnd.nextInt(4));
      String keyShape = List.of("/etc/f" + r, "/etc/{node}/f" + r, "KEY" + r).get(rnd.nextInt(3));
      Action common = ACTIONS.get(rnd.nextInt(ACTIONS.size()));
      boolean commonDrift = rnd.nextBoolean();
      for (String n : nodes) {
        if (rnd.nextInt(5) == 0) continue;
        Action action = rnd.nextInt(6) == 0 ? ACTIONS.get(rnd.nextInt(ACTIONS.size())) : common;
        String key = keyShape.replace("KEY", n + "-");
        var before = new TreeMap<String, Value>();
        var after = new TreeMap<String, Value>();
        for (String attr : List.of("content", "mode", "name", "token")) {
          if (action != Action.CREATE && rnd.nextInt(4) != 0) before.put(attr, value(rnd, n, nodes, address));
          if (action != Action.DELETE && rnd.nextInt(4) != 0) after.put(attr, rnd.nextInt(3) == 0 && before.containsKey(attr) ? before.get(attr) : value(rnd, n, nodes, address));
        }
        var deps = new ArrayList<ResourceAddr>();
        if (rnd.nextBoolean()) deps.add(Scope.node(rnd.nextBoolean() ? n : nodes.get(rnd.nextInt(nodes.size()))).resource("package", "p"));
        var triggers = rnd.nextInt(4) == 0 ? List.of(Scope.node(n).resource("file", "/etc/f0")) : List.<ResourceAddr>of();
        var unknown = rnd.nextInt(5) == 0 ? new TreeSet<>(List.of("tailnet_ip")) : new TreeSet<String>();
        boolean drifted = action == Action.UPDATE && (rnd.nextInt(4) == 0 ? !commonDrift : commonDrift);
        // What the refresh found on a drifted host: shown per node, so it must come back per node too.
        var found = new TreeMap<String, Value>();
        if (drifted) for (String attr : List.of("content", "mode")) if (rnd.nextBoolean()) found.put(attr, value(rnd, n, nodes, address));
        changes.add(new Change(Scope.node(n).resource(type, key), type, action, before, after, unknown, deps,
            drifted, triggers, found));
      }
    }
    if (rnd.nextBoolean()) {
      changes.add(new Change(Scope.cluster("c").resource("chart", "x"), "chart", Action.CREATE, new TreeMap<>(),
          new TreeMap<>(Map.of("name", new Value.Text("x"))), new TreeSet<>(), List.of()));
    }
    return changes;
  }

  /** Mostly the same few values, so groups form; some mention the node's own name or address, another node's, or a placeholder. */
  static Value value(Random rnd, String node, List<String> nodes, Map<String, String> address) {
    String other = nodes.get(rnd.nextInt(nodes.size()));
    return switch (rnd.nextInt(11)) {
      case 0, 1 -> new Value.Text("same");
      case 2 -> new Value.Text("host " + node + "\nip " + address.getOrDefault(node, "none") + "\n");
      case 3 -> new Value.Text(node + "." + node + " " + other);
      case 4 -> new Value.Text(ChangeGroup.NODE + " " + node);
      case 5 -> new Value.Text(address.getOrDefault(node, ChangeGroup.ADDRESS) + ":22");
      case 6 -> Value.of(rnd.nextInt(2) + 1000);
      case 7 -> new Value.Array(List.of(new Value.Text(node), Value.of(true)));
      case 8 -> new Value.Dict(new TreeMap<>(Map.of("k", new Value.Text(node + "-x"), "n", Value.Null.NULL)));
      case 9 -> new SecretDigest("0123456789abcdef", (rnd.nextBoolean() ? "a" : "b").repeat(64));
      default -> new Value.Text("line one\nline two " + rnd.nextInt(2) + "\n");
    };
  }

  static final Comparator<Change> BY_ADDRESS = Comparator.comparing(Change::addr);

  @Property(tries = 300)
  void expandingTheGroupsGivesBackExactlyTheChanges(@ForAll("plans") List<Change> changes) {
    var groups = ChangeGroup.of(changes);
    var expanded = new ArrayList<Change>();
    for (ChangeGroup g : groups) {
      assertTrue(new HashSet<>(g.scopes()).size() == g.scopes().size(), "a node is in a group once");
      if (g.members().size() > 1) assertTrue(g.scopes().stream().allMatch(s -> s.kind() == dev.labc.addr.ScopeKind.NODE), "only nodes are grouped");
      expanded.addAll(g.expand());
    }
    var want = new ArrayList<>(changes);
    want.sort(BY_ADDRESS);
    expanded.sort(BY_ADDRESS);
    assertEquals(want, expanded);
  }

  @Property(tries = 100)
  void whatPeopleReadDoesNotDependOnTheOrderOfChanges(@ForAll("plans") List<Change> changes, @ForAll long seed) {
    var shuffled = new ArrayList<>(changes);
    Collections.shuffle(shuffled, new Random(seed));
    var r = new PlanRenderer(false);
    Plan a = new Plan("1", "t", "c.lab", "sha256:x", null, 0, changes), b = new Plan("1", "t", "c.lab", "sha256:x", null, 0, shuffled);
    assertEquals(r.text(a), r.text(b));
    assertEquals(r.markdown(a, "`full`"), r.markdown(b, "`full`"));
  }

  /** A comment that would be too long is cut before a whole section, fits, and says from where; otherwise nothing is cut. */
  @Property(tries = 100)
  void markdownIsCutAtASectionBoundaryAndFits(@ForAll("plans") List<Change> changes, @ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 1.2) double share) {
    Plan plan = new Plan("1", "t", "c.lab", "sha256:x", null, 0, changes);
    var r = new PlanRenderer(false);
    String full = r.markdown(plan, Integer.MAX_VALUE, "`full`");
    int limit = 2_000 + (int) (share * full.length());
    String md = r.markdown(plan, limit, "`labc show x.plan`");
    if (full.length() <= limit) {
      assertEquals(full, md);
      return;
    }
    assertTrue(md.length() <= limit, md.length() + " > " + limit);
    int note = md.indexOf("---\n**Cut to fit a comment (");
    assertTrue(note > 0 && md.endsWith("The full plan: `labc show x.plan`\n"), md);
    String kept = md.substring(0, note);
    assertTrue(full.startsWith(kept), "what is kept is the plan's own beginning");
    assertTrue(kept.endsWith("</details>\n\n") || !kept.contains("<details>"), "cut at a section boundary");
    assertEquals(md, r.markdown(plan, limit, "`labc show x.plan`"), "the same plan is cut at the same place");
  }

  /** Every node a section or a per-node value names is one the changes are on, and each node exactly once. */
  @Property(tries = 200)
  void nodeRangesReadBackAsTheNodes(@ForAll("nodeNames") List<String> names) {
    var distinct = new ArrayList<>(new TreeSet<>(names));
    distinct.sort(NaturalOrder.TEXT);
    assertEquals(distinct, NodeRanges.parse(NodeRanges.compress(distinct)));
  }

  @net.jqwik.api.Example
  void rangesReadAsPeopleWriteThem() {
    var names = new ArrayList<String>();
    for (int i = 1; i <= 20; i++) names.add(String.format("node-%02d", i));
    for (int i = 64; i >= 1; i--) names.add("train-" + i);
    names.addAll(List.of("ctl-2", "ctl-3", "storage-1", "gpu-9", "gpu-10", "gpu-11"));
    assertEquals("ctl-2, ctl-3, gpu-9..11, node-01..20, storage-1, train-1..64", NodeRanges.compress(names));
  }

  @Provide
  Arbitrary<List<String>> nodeNames() {
    var numbered = Arbitraries.of("gpu-", "infer-", "n", "train-", "gpu-0").flatMap(p -> Arbitraries.integers().between(0, 40).map(i -> p + i));
    var padded = Arbitraries.of("%02d", "%03d").flatMap(f -> Arbitraries.integers().between(0, 120).map(i -> "node-" + String.format(f, i)));
    return Arbitraries.oneOf(numbered, padded, Arbitraries.of(NAMES)).list().ofMaxSize(60);
  }
}
