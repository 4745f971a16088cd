package dev.labc.plan;

import dev.labc.addr.ResourceAddr;

import dev.labc.addr.Scope;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans for people: grouped by node then cluster, sorted by address, `+ ~ - -/+` markers,
 * unified diffs for multi-line values, secrets as (secret); no timestamps or local paths, so
 * two plans of similar configurations diff cleanly line by line.
 */
public final class PlanRenderer {
  private final boolean color;

  public PlanRenderer(boolean color) { this.color = color; }

  public String text(Plan plan) {
    var sb = new StringBuilder();
    sb.append("labc plan for ").append(plan.source()).append('\n');
    sb.append(plan.priorLineage() == null ? "state: none recorded yet (first plan)\n" : "state: serial " + plan.priorSerial() + "\n");
    for (var group : byScope(plan).entrySet()) {
      var changes = group.getValue().stream().filter(c -> c.action() != Action.NO_OP).toList();
      if (changes.isEmpty()) continue;
      sb.append('\n').append(paint("── " + group.getKey().kind().keyword() + " " + group.getKey().name() + " ──", "1")).append('\n');
      for (Change c : changes) change(sb, c);
    }
    sb.append('\n').append(paint(plan.summary(), "1")).append('\n');
    return sb.toString();
  }

  private static Map<Scope, List<Change>> byScope(Plan plan) {
    var out = new TreeMap<Scope, List<Change>>();
    var sorted = new ArrayList<>(plan.changes());
    sorted.sort((x, y) -> x.addr().compareTo(y.addr()));
    for (Change c : sorted) out.computeIfAbsent(c.addr().scope(), k -> new ArrayList<>()).add(c);
    return out;
  }

  private void change(StringBuilder sb, Change c) {
    String colorCode = switch (c.action()) { case CREATE -> "32"; case DELETE -> "31"; case UPDATE -> "33"; case REPLACE -> "35"; default -> "0"; };
    sb.append(paint(String.format("  %-3s %s", c.action().marker, c.addr()), colorCode)).append(" (").append(c.type()).append(")");
    if (c.action() == Action.REPLACE) sb.append(" must be replaced");
    if (c.action() == Action.DELETE) sb.append(" is no longer declared");
    if (!c.needs().isEmpty()) sb.append(" (needs ").append(Need.words(c.needs())).append(')');
    if (c.drifted()) sb.append(c.addr().scope().kind() == dev.labc.addr.ScopeKind.CLUSTER
        ? " was changed in the cluster since the last apply (drift); apply restores it"
        : c.action() == Action.UPDATE && !c.before().equals(c.after())
            ? " was changed on the host since the last apply; apply sets the declared value"
            : " was changed on the host since the last apply; apply restores it");
    if (!c.triggeredBy().isEmpty()) {
      sb.append(c.type().equals("service") ? " restarts: " : " runs again: ")
          .append(String.join(", ", c.triggeredBy().stream().map(ResourceAddr::toString).toList())).append(c.triggeredBy().size() == 1 ? " changes" : " change");
    }
    sb.append('\n');
    var keys = new TreeSet<String>();
    keys.addAll(c.before().keySet());
    keys.addAll(c.after().keySet());
    keys.addAll(c.unknown());
    int width = keys.stream().mapToInt(String::length).max().orElse(0);
    for (String k : keys) {
      Value b = c.before().get(k), a = c.after().get(k);
      String name = k + " ".repeat(width - k.length());
      if (c.unknown().contains(k)) {
        sb.append("        ").append(name).append(" = (known after apply)\n");
      } else if (c.action() == Action.CREATE) {
        value(sb, "+ ", name, a);
      } else if (c.action() == Action.DELETE) {
        value(sb, "- ", name, b);
      } else if (b != null && a != null && b.equals(a)) {
        continue;
      } else if (b instanceof Value.Text bt && a instanceof Value.Text at && (bt.value().contains("\n") || at.value().contains("\n"))) {
        sb.append("      ~ ").append(name).append(":\n");
        for (String line : LineDiff.unified(bt.value(), at.value())) sb.append("          ").append(line).append('\n');
      } else {
        sb.append("      ~ ").append(name).append(" = ").append(b == null ? "null" : inline(b)).append(" -> ").append(a == null ? "null" : inline(a)).append('\n');
      }
    }
  }

  private void value(StringBuilder sb, String marker, String name, Value v) {
    if (v instanceof Value.Text t && t.value().contains("\n")) {
      sb.append("      ").append(marker).append(name).append(" = <<EOT\n");
      for (String line : t.value().split("\n", -1)) {
        if (line.isEmpty()) continue;
        sb.append("            ").append(line).append('\n');
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

  /** Markdown for a pull-request comment: summary first, one collapsible section per node or cluster. */
  public String markdown(Plan plan) {
    var sb = new StringBuilder("### labc plan: `").append(plan.source()).append("`\n\n**").append(plan.summary()).append("**\n\n");
    var plain = new PlanRenderer(false);
    for (var group : byScope(plan).entrySet()) {
      var changes = group.getValue().stream().filter(c -> c.action() != Action.NO_OP).toList();
      if (changes.isEmpty()) continue;
      long add = changes.stream().filter(c -> c.action() == Action.CREATE).count();
      long upd = changes.stream().filter(c -> c.action() == Action.UPDATE || c.action() == Action.REPLACE).count();
      long del = changes.stream().filter(c -> c.action() == Action.DELETE).count();
      sb.append("<details><summary>").append(group.getKey().kind().keyword()).append(" <code>").append(group.getKey().name())
          .append("</code>: +").append(add).append(" ~").append(upd).append(" -").append(del).append("</summary>\n\n```diff\n");
      var body = new StringBuilder();
      for (Change c : changes) plain.change(body, c);
      sb.append(body).append("```\n\n</details>\n\n");
    }
    return sb.toString();
  }

  private String paint(String s, String code) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
