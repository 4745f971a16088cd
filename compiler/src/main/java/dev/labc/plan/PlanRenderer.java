package dev.labc.plan;

import dev.labc.addr.NaturalOrder;
import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.addr.ScopeKind;
import dev.labc.plan.ChangeGroup.Slot;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Plans for people: one section per set of nodes (or cluster) in natural order, each change shown
 * once for all the nodes it is the same on ({@link ChangeGroup}), `+ ~ - -/+` markers, unified
 * diffs for multi-line values, secrets as (secret); no timestamps or local paths, so two plans of
 * similar configurations diff cleanly line by line. The saved plan (JSON) lists every change.
 */
public final class PlanRenderer {
  /** GitHub refuses issue and pull-request comments longer than this many characters. */
  public static final int COMMENT_LIMIT = 65_536;

  private final boolean color;

  public PlanRenderer(boolean color) { this.color = color; }

  /** Changes shown together: the same members (a set of nodes, one node, or one cluster). */
  record Section(List<Scope> scopes, List<ChangeGroup> groups) {
    String title() {
      if (scopes.size() == 1) return scopes.getFirst().kind().keyword() + " " + scopes.getFirst().name();
      return scopes.size() + " nodes: " + NodeRanges.compress(scopes.stream().map(Scope::name).toList());
    }
  }

  public String text(Plan plan) {
    var sb = new StringBuilder();
    sb.append("labc plan for ").append(plan.source()).append('\n');
    sb.append(plan.priorLineage() == null ? "state: none recorded yet (first plan)\n" : "state: serial " + plan.priorSerial() + "\n");
    var sections = sections(plan);
    if (sections.stream().anyMatch(s -> s.scopes().size() > 1)) sb.append(LEGEND).append('\n');
    for (Section s : sections) {
      sb.append('\n').append(paint("── " + s.title() + " ──", "1")).append('\n');
      for (ChangeGroup g : s.groups()) change(sb, g);
    }
    // Drains, reboots and batches just above the closing line, which stays last: the line people and scripts look for.
    String disruptions = plan.disruptions().text(plan.changes());
    sb.append('\n');
    if (plan.hasChanges()) sb.append(disruptions);
    sb.append(paint(plan.summary(), "1")).append('\n');
    if (!plan.hasChanges()) sb.append(disruptions);
    return sb.toString();
  }

  private static final String LEGEND = "A change shown once for several nodes stands for each of them: " + ChangeGroup.NODE
      + " is each node's name, " + ChangeGroup.ADDRESS + " its address; what differs otherwise is shown per node, as attr [nodes].";

  /** The plan's changes grouped across nodes, in sections by the nodes they are on, in natural order. */
  static List<Section> sections(Plan plan) {
    var groups = ChangeGroup.of(plan.changes().stream().filter(c -> c.action() != Action.NO_OP).toList());
    var bySet = new LinkedHashMap<List<Scope>, List<ChangeGroup>>();
    for (ChangeGroup g : groups) bySet.computeIfAbsent(g.scopes(), k -> new ArrayList<>()).add(g);
    Comparator<List<Scope>> order = (a, b) -> {
      int c = NaturalOrder.SCOPES.compare(a.getFirst(), b.getFirst());
      if (c != 0) return c;
      c = Integer.compare(b.size(), a.size()); // the widest set first: what every node gets, then the few
      for (int i = 0; c == 0 && i < a.size(); i++) c = NaturalOrder.SCOPES.compare(a.get(i), b.get(i));
      return c;
    };
    return bySet.entrySet().stream().sorted(Map.Entry.comparingByKey(order)).map(e -> new Section(e.getKey(), e.getValue())).toList();
  }

  /** The address people read for a group: the real one for one member, node.{node}... for several. */
  static String address(ChangeGroup g) {
    if (g.members().size() == 1) return g.expand().getFirst().addr().toString();
    var sb = new StringBuilder("node.").append(ChangeGroup.NODE).append('.').append(g.type());
    if (g.key() != null) {
      sb.append('[');
      ResourceAddr.appendQuoted(sb, g.key());
      sb.append(']');
    }
    return sb.toString();
  }

  private static String ref(ChangeGroup g, ChangeGroup.Ref r) {
    if (g.members().size() == 1 || r.scope().isPresent()) return r.on(g.members().getFirst().scope()).toString();
    var sb = new StringBuilder("node.").append(ChangeGroup.NODE).append('.').append(r.type());
    if (r.key() != null) {
      sb.append('[');
      ResourceAddr.appendQuoted(sb, r.key());
      sb.append(']');
    }
    return sb.toString();
  }

  /** Declares a package (or other resource with state) absent: a removal from the host, shown as one. */
  private static boolean removal(ChangeGroup g) {
    var state = g.attributes().get("state");
    return g.action() != Action.DELETE && state != null
        && state.after() instanceof Slot.Same s && s.value().equals(Optional.of(new Value.Text("absent")));
  }

  private void change(StringBuilder sb, ChangeGroup g) {
    boolean removal = removal(g);
    String marker = removal && g.action() != Action.REPLACE ? "-" : g.action().marker;
    String colorCode = switch (g.action()) {
      case CREATE -> removal ? "31" : "32";
      case DELETE -> "31";
      case UPDATE -> removal ? "31" : "33";
      case REPLACE -> "35";
      default -> "0";
    };
    sb.append(paint(String.format("  %-3s %s", marker, address(g)), colorCode)).append(" (").append(g.type()).append(")");
    if (g.action() == Action.REPLACE) sb.append(" must be replaced");
    if (g.action() == Action.DELETE) sb.append(" is no longer declared");
    if (removal) sb.append(" is removed from the host (declared absent)");
    if (!g.needs().isEmpty()) sb.append(" (needs ").append(Need.words(g.needs())).append(')');
    if (g.scopes().getFirst().kind() != ScopeKind.CLUSTER) Disruption.of(g.expand().getFirst()).ifPresent(d -> sb.append(" (").append(d.words).append(')'));
    if (g.drifted()) sb.append(g.members().getFirst().scope().kind() == ScopeKind.CLUSTER
        ? " was changed in the cluster since the last apply (drift); apply restores it"
        : g.action() == Action.UPDATE && g.declaredChanged()
            ? " was changed on the host since the last apply; apply sets the declared value"
            : " was changed on the host since the last apply; apply restores it");
    if (!g.triggeredBy().isEmpty()) {
      sb.append(g.type().equals("service") ? " restarts: " : " runs again: ")
          .append(String.join(", ", g.triggeredBy().stream().map(r -> ref(g, r)).toList())).append(g.triggeredBy().size() == 1 ? " changes" : " change");
    }
    sb.append('\n');
    var keys = new TreeSet<String>(g.attributes().keySet());
    keys.addAll(g.unknown());
    if (removal) keys.remove("state");
    int width = keys.stream().mapToInt(String::length).max().orElse(0);
    for (String k : keys) {
      String name = k + " ".repeat(width - k.length());
      var attr = g.attributes().get(k);
      if (g.unknown().contains(k)) {
        sb.append("        ").append(name).append(" = (known after apply)\n");
      } else if (g.action() == Action.CREATE) {
        shown(sb, removal ? "- " : "+ ", name, g, attr.after());
      } else if (g.action() == Action.DELETE) {
        shown(sb, "- ", name, g, attr.before());
      } else if (uniform(attr.before()) && uniform(attr.after())) {
        Value b = uniformValue(attr.before()), a = uniformValue(attr.after());
        if (!Objects.equals(b, a)) update(sb, name, b, a);
      } else {
        // Differs per node: each distinct recorded -> declared pair once, with the nodes it is on.
        var expanded = g.expand();
        var pairs = byShown(g,
            i -> List.of(templated(Optional.ofNullable(expanded.get(i).before().get(k)), g, i), templated(Optional.ofNullable(expanded.get(i).after().get(k)), g, i)),
            i -> List.of(new Shown(Optional.ofNullable(expanded.get(i).before().get(k)), false), new Shown(Optional.ofNullable(expanded.get(i).after().get(k)), false)));
        pairs.forEach((p, nodes) -> {
          if (!p.get(0).equals(p.get(1))) update(sb, name + " [" + NodeRanges.compress(nodes) + "]", p.get(0).value().orElse(null), p.get(1).value().orElse(null));
        });
      }
    }
    if (g.drifted()) found(sb, g);
  }

  /**
   * Recorded vs. found on the host, for the drifted members whose refresh read something
   * ({@link Change#found}): per node, each distinct set of lines once. A secret is never shown.
   */
  private static void found(StringBuilder sb, ChangeGroup g) {
    var expanded = g.expand();
    var byLines = new LinkedHashMap<List<String>, List<String>>();
    for (int i = 0; i < expanded.size(); i++) {
      var lines = foundLines(expanded.get(i));
      if (!lines.isEmpty()) byLines.computeIfAbsent(lines, x -> new ArrayList<>()).add(g.members().get(i).scope().name());
    }
    byLines.forEach((lines, nodes) -> {
      sb.append("        found on the host").append(g.members().size() > 1 ? " [" + NodeRanges.compress(nodes) + "]" : "")
          .append(" (recorded -> found):\n");
      for (String line : lines) sb.append("          ").append(line).append('\n');
    });
  }

  private static List<String> foundLines(Change c) {
    if (c.found().isEmpty()) return List.of();
    var out = new ArrayList<String>();
    if (c.found().get("present") instanceof Value.Bool b && !b.value()) return List.of("nothing at the path (removed by hand?)");
    for (var e : c.found().entrySet()) {
      Value recorded = c.before().get(e.getKey());
      if (recorded == null || recorded.equals(e.getValue()) || e.getKey().equals("present")) continue;
      if (recorded instanceof SecretDigest) {
        out.add(e.getKey() + " = (secret)"); // never the value found: the plan is read by people and CI
      } else if (recorded instanceof Value.Text r && e.getValue() instanceof Value.Text f && (r.value().contains("\n") || f.value().contains("\n"))) {
        out.add(e.getKey() + ":");
        for (String line : LineDiff.unified(r.value(), f.value())) out.add("  " + line);
      } else {
        out.add(e.getKey() + " = " + inline(recorded) + " -> " + inline(e.getValue()));
      }
    }
    Value content = c.before().get("content");
    if (content != null && !c.found().containsKey("content")) {
      out.add(content instanceof SecretDigest ? "content = (secret), not read from the host"
          : "content not read from the host (over " + FOUND_CONTENT_LIMIT / 1024 + " KiB)");
    }
    return out;
  }

  /** The most of a drifted file's content the refresh reads (runtime DriftCheck); larger files are not shown. */
  public static final int FOUND_CONTENT_LIMIT = 64 * 1024;

  private static boolean uniform(Slot s) { return !(s instanceof Slot.PerNode); }

  private static Value uniformValue(Slot s) {
    return switch (s) {
      case Slot.Same same -> same.value().orElse(null);
      case Slot.Templated t -> t.template();
      case Slot.PerNode p -> throw new IllegalArgumentException("per node");
    };
  }

  /** A created or deleted attribute: once when it is the same (up to name and address) on every member, else per node. */
  private void shown(StringBuilder sb, String marker, String name, ChangeGroup g, Slot slot) {
    switch (slot) {
      case Slot.Same s -> s.value().ifPresent(v -> value(sb, marker, name, v));
      case Slot.Templated t -> value(sb, marker, name, t.template());
      case Slot.PerNode p -> {
        var byValue = byShown(g, i -> templated(p.values().get(i), g, i), i -> new Shown(p.values().get(i), false));
        byValue.forEach((v, nodes) -> v.value().ifPresent(x -> value(sb, marker, name + " [" + NodeRanges.compress(nodes) + "]", x)));
      }
    }
  }

  /**
   * The members by what is shown for them, in member order: the templated form where it is the same
   * on two or more nodes (`node-ip: {address}` once for 96 nodes), the value as written where it
   * would stand for one node only (a node's own file reads better with its own name in it).
   */
  private static <K> Map<K, List<String>> byShown(ChangeGroup g, IntFunction<K> templated, IntFunction<K> raw) {
    var keys = new ArrayList<K>();
    var counts = new HashMap<K, Integer>();
    for (int i = 0; i < g.members().size(); i++) {
      keys.add(templated.apply(i));
      counts.merge(keys.get(i), 1, Integer::sum);
    }
    var out = new LinkedHashMap<K, List<String>>();
    for (int i = 0; i < keys.size(); i++) {
      out.computeIfAbsent(counts.get(keys.get(i)) > 1 ? keys.get(i) : raw.apply(i), x -> new ArrayList<>()).add(g.members().get(i).scope().name());
    }
    return out;
  }

  /**
   * A member's own value as the nodes that share it read it: with {node} and {address} where that
   * node has its name and address, when the group has several members and the template gives the
   * value back exactly; otherwise the value itself.
   */
  private static Shown templated(Optional<Value> v, ChangeGroup g, int i) {
    if (v.isEmpty() || g.members().size() == 1) return new Shown(v, false);
    var m = g.members().get(i);
    Value t = ChangeGroup.template(v.get(), m);
    return ChangeGroup.fill(t, m).equals(v.get()) ? new Shown(Optional.of(t), true) : new Shown(v, false);
  }

  /** A value as shown for a node; {@code template} tells a literal {node} in a value from a placeholder, so the two never merge. */
  private record Shown(Optional<Value> value, boolean template) {}

  private static void update(StringBuilder sb, String name, Value b, Value a) {
    if (b instanceof Value.Text bt && a instanceof Value.Text at && (bt.value().contains("\n") || at.value().contains("\n"))) {
      sb.append("      ~ ").append(name).append(":\n");
      for (String line : LineDiff.unified(bt.value(), at.value())) sb.append("          ").append(line).append('\n');
    } else if (b == null && a != null) {
      sb.append("      + ").append(name).append(" = ").append(inline(a)).append('\n');
    } else if (a == null && b != null) {
      // An attribute no longer declared: shown as the removal it is, never as `+ x = null`.
      sb.append("      - ").append(name).append(" = ").append(inline(b)).append('\n');
    } else {
      sb.append("      ~ ").append(name).append(" = ").append(b == null ? "null" : inline(b)).append(" -> ").append(a == null ? "null" : inline(a)).append('\n');
    }
  }

  private static void value(StringBuilder sb, String marker, String name, Value v) {
    if (v instanceof Value.Text t && t.value().contains("\n")) {
      sb.append("      ").append(marker).append(name).append(" = <<EOT\n");
      // Blank lines inside the text are shown (a reviewer must see them: "a\n\nb" is not "a\nb");
      // only the break that ends the text has no line of its own.
      String[] lines = t.value().split("\n", -1);
      int shown = t.value().endsWith("\n") ? lines.length - 1 : lines.length;
      for (int i = 0; i < shown; i++) {
        if (!lines[i].isEmpty()) sb.append("            ").append(lines[i]);
        sb.append('\n');
      }
      sb.append("          EOT\n");
    } else {
      sb.append("      ").append(marker).append(name).append(" = ").append(inline(v)).append('\n');
    }
  }

  /** One-line form of a recorded value; secrets only ever as (secret). */
  public static String inline(Value v) {
    return switch (v) {
      case SecretDigest d -> "(secret)";
      case Value.Text t -> dev.labc.format.Formatter.quote(t.value());
      case Value.Num n -> n.value().toPlainString();
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.Null n -> "null";
      case Value.Array a -> "[" + String.join(", ", a.items().stream().map(PlanRenderer::inline).toList()) + "]";
      case Value.Dict d -> "{ " + String.join(", ", d.fields().entrySet().stream().map(e -> e.getKey() + " = " + inline(e.getValue())).toList()) + " }";
    };
  }

  /** Markdown for a pull-request comment that fits one ({@link #COMMENT_LIMIT}); see {@link #markdown(Plan, int, String)}. */
  public String markdown(Plan plan, String fullPlanAt) {
    return markdown(plan, COMMENT_LIMIT, fullPlanAt);
  }

  /**
   * Markdown for a pull-request comment: the summary first (counts per action and kind, the nodes
   * and clusters touched, replacements and destroys called out), then one collapsible section per
   * set of nodes with its grouped changes as a diff. At most {@code limit} characters: sections
   * that do not fit are cut from the first one that does not on, and the comment says which and
   * where the full plan is ({@code fullPlanAt}, Markdown).
   */
  public String markdown(Plan plan, int limit, String fullPlanAt) {
    var head = new StringBuilder("### labc plan: `").append(plan.source()).append("`\n\n**").append(plan.summary()).append("**\n\n");
    var sections = sections(plan);
    if (!sections.isEmpty()) summary(head, plan, sections);
    head.append(plan.disruptions().markdown(plan.changes()));
    var parts = new ArrayList<String>();
    for (Section s : sections) parts.add(section(s));
    var out = new StringBuilder(head);
    if (head.length() + parts.stream().mapToLong(String::length).sum() <= limit) {
      parts.forEach(out::append);
      return out.toString();
    }
    for (int i = 0; i < parts.size(); i++) {
      String cut = "---\n**Cut to fit a comment (" + String.format("%,d", limit) + " characters):** " + (parts.size() - i) + " of " + parts.size()
          + " sections are not shown, from **" + escape(title(sections.get(i))) + "** on. The full plan: " + fullPlanAt + "\n";
      // Room for this section and, unless it is the last, the note that would follow a later cut.
      boolean last = i == parts.size() - 1;
      if (out.length() + parts.get(i).length() + (last ? 0 : cutRoom(limit, parts.size(), fullPlanAt)) > limit) {
        return out.append(cut).toString();
      }
      out.append(parts.get(i));
    }
    return out.toString();
  }

  // The longest cut note any later section could need: its title is at most TITLE_MAX characters.
  private static int cutRoom(int limit, int sections, String fullPlanAt) {
    return 200 + TITLE_MAX + fullPlanAt.length() + 2 * Integer.toString(sections).length() + String.format("%,d", limit).length();
  }

  private static final int TITLE_MAX = 300;

  private static String title(Section s) {
    String t = s.title();
    return t.length() <= TITLE_MAX ? t : t.substring(0, t.lastIndexOf(", ", TITLE_MAX - 2)) + ", …";
  }

  private void summary(StringBuilder sb, Plan plan, List<Section> sections) {
    var changes = plan.changes().stream().filter(c -> c.action() != Action.NO_OP).toList();
    var byType = new TreeMap<String, long[]>(NaturalOrder.TEXT);
    var columns = List.of(Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DELETE);
    for (Change c : changes) byType.computeIfAbsent(c.type(), t -> new long[columns.size()])[columns.indexOf(c.action())]++;
    sb.append("| kind | create | update | replace | delete |\n|---|--:|--:|--:|--:|\n");
    byType.forEach((type, n) -> {
      sb.append("| ").append(type);
      for (long x : n) sb.append(" | ").append(x == 0 ? "" : Long.toString(x));
      sb.append(" |\n");
    });
    sb.append('\n');
    var nodes = new TreeSet<String>(NaturalOrder.TEXT);
    var clusters = new TreeSet<String>(NaturalOrder.TEXT);
    for (Change c : changes) (c.addr().scope().kind() == ScopeKind.NODE ? nodes : clusters).add(c.addr().scope().name());
    if (!nodes.isEmpty()) sb.append("**Nodes (").append(nodes.size()).append("):** ").append(capped(NodeRanges.compress(nodes))).append("  \n");
    if (!clusters.isEmpty()) sb.append("**Clusters:** ").append(capped(String.join(", ", clusters))).append("  \n");
    sb.append('\n');
    var grouped = sections.stream().flatMap(s -> s.groups().stream()).toList();
    var replaced = grouped.stream().filter(g -> g.action() == Action.REPLACE).toList();
    var destroyed = grouped.stream().filter(g -> g.action() == Action.DELETE || removal(g)).toList();
    if (!replaced.isEmpty() || !destroyed.isEmpty()) {
      sb.append("> [!CAUTION]\n");
      if (!replaced.isEmpty()) sb.append("> **Replaced** (destroyed, then created again):").append(callout(replaced)).append(">\n");
      if (!destroyed.isEmpty()) sb.append("> **Destroyed or removed from hosts:**").append(callout(destroyed));
      sb.append('\n');
    }
    if (sections.stream().anyMatch(s -> s.scopes().size() > 1)) sb.append("<sub>").append(LEGEND).append("</sub>\n\n");
  }

  private static final int CALLOUT_MAX = 30;

  private static String callout(List<ChangeGroup> groups) {
    var sb = new StringBuilder("\n");
    for (ChangeGroup g : groups.subList(0, Math.min(CALLOUT_MAX, groups.size()))) {
      sb.append("> - `").append(address(g)).append('`');
      if (g.members().size() > 1) sb.append(" on ").append(capped(NodeRanges.compress(g.members().stream().map(m -> m.scope().name()).toList())));
      sb.append('\n');
    }
    if (groups.size() > CALLOUT_MAX) sb.append("> - and ").append(groups.size() - CALLOUT_MAX).append(" more (in the sections below)\n");
    return sb.toString();
  }

  private static String capped(String list) {
    return list.length() <= TITLE_MAX ? list : list.substring(0, list.lastIndexOf(", ", TITLE_MAX - 2)) + ", …";
  }

  private String section(Section s) {
    long add = 0, upd = 0, del = 0;
    var body = new StringBuilder();
    for (ChangeGroup g : s.groups()) {
      switch (g.action()) {
        case CREATE -> add += g.members().size();
        case UPDATE, REPLACE -> upd += g.members().size();
        case DELETE -> del += g.members().size();
        case NO_OP -> { }
      }
      change(body, g);
    }
    var sb = new StringBuilder("<details><summary>").append(escape(title(s))).append(": +").append(add).append(" ~").append(upd).append(" -").append(del)
        .append("</summary>\n\n");
    // A fence longer than any run of backticks in the values, so no file content can close it.
    String fence = "`".repeat(Math.max(3, longestBacktickRun(body) + 1));
    sb.append(fence).append("diff\n");
    // The lines of a created or removed text (<<EOT ... EOT) carry its marker too, so the whole text is coloured.
    char heredoc = 0;
    for (String line : body.toString().split("\n")) {
      if (heredoc != 0) {
        sb.append(heredoc).append(line.isEmpty() ? "" : line.substring(1)).append('\n');
        if (line.equals("          EOT")) heredoc = 0; // the closing line exactly: a text may hold a line "EOT"
        continue;
      }
      String shown = gutter(line);
      if ((shown.startsWith("+") || shown.startsWith("-")) && shown.endsWith(" = <<EOT")) heredoc = shown.charAt(0);
      sb.append(shown).append('\n');
    }
    return sb.append(fence).append("\n\n</details>\n\n").toString();
  }

  private static int longestBacktickRun(CharSequence s) {
    int best = 0, run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == '`' ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }

  // In a ```diff block only a + or - in the first column is coloured: move the line's marker there.
  private static String gutter(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') i++;
    if (i == 0 || i >= line.length() || line.startsWith("-/+", i)) return line;
    char c = line.charAt(i);
    return c == '+' || c == '-' ? c + line.substring(0, i) + line.substring(i + 1) : line;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private String paint(String s, String code) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
