package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.addr.ScopeKind;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The order of a node's steps as a property of the model, not of the order blocks are written in
 * (issue 19). Adds to the expanded steps the edges a lab writes (`after = [...]`: every step of the
 * named block on a node before every step of this block there) and the ones nobody should have to
 * (Puppet's autorequire):
 * <ul>
 *   <li>a file or directory after the declared user and group named by its `owner` and `group` on
 *       that node (a group named after a user without a group block: that user, whose primary
 *       group it is);</li>
 *   <li>a user after the declared group whose GID is its primary GID;</li>
 *   <li>a command after the declared users named in its `accounts` on that node;</li>
 *   <li>a file, directory, line or mount, and a command's `creates`, after the nearest declared
 *       directory or mount above its path on that node;</li>
 *   <li>a user whose home (/home/NAME) is below a mount after that mount;</li>
 *   <li>every package after the commands on its node marked `before_packages` (apt's mirror, the
 *       initramfs rebuilt without nouveau), so nothing is installed before them.</li>
 * </ul>
 * (Services and commands after the node's packages are added where they are expanded.) Then reports
 * what cannot be ordered: conflicts ({@link Emit.Conflict}), `after` naming something that has no
 * steps or shares no node, and cycles, each with the spans of the blocks involved.
 */
final class StepOrder {
  private final Program program;
  private final SortedMap<ResourceAddr, Resource> steps;
  private final SortedMap<ResourceAddr, SortedSet<String>> declaredBy;
  private final Map<ResourceAddr, SortedSet<ResourceAddr>> added = new HashMap<>();
  private final Map<ResourceAddr, SortedMap<ResourceAddr, String>> reasons = new HashMap<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private StepOrder(Program program, SortedMap<ResourceAddr, Resource> steps, SortedMap<ResourceAddr, SortedSet<String>> declaredBy) {
    this.program = program;
    this.steps = steps;
    this.declaredBy = declaredBy;
  }

  static ResourceGraphBuilder.Built order(Program program, SortedMap<ResourceAddr, Resource> steps,
                                          SortedMap<ResourceAddr, SortedSet<String>> declaredBy, List<Emit.Conflict> conflicts) {
    var o = new StepOrder(program, steps, declaredBy);
    o.conflicts(conflicts);
    o.lineOnManagedFile();
    o.implicit();
    o.explicit();
    var out = new TreeMap<ResourceAddr, Resource>();
    for (Resource r : steps.values()) {
      var more = o.added.get(r.addr());
      if (more == null) {
        out.put(r.addr(), r);
        continue;
      }
      var deps = new TreeSet<>(r.dependsOn());
      deps.addAll(more);
      out.put(r.addr(), new Resource(r.addr(), r.type(), r.attributes(), deps, r.origin()));
    }
    var graph = new ResourceGraph(out, o.reasons);
    graph.findCycle().ifPresent(o::cycle);
    return new ResourceGraphBuilder.Built(graph, List.copyOf(o.diagnostics));
  }

  private void edge(ResourceAddr from, ResourceAddr to, String why) {
    if (from.equals(to) || steps.get(from).dependsOn().contains(to)) return;
    added.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
    reasons.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, why);
  }

  // ---- implicit edges -----------------------------------------------------------------------------

  private void implicit() {
    var byNode = new TreeMap<String, List<Resource>>();
    for (Resource r : steps.values()) {
      if (r.addr().scope().kind() == ScopeKind.NODE) byNode.computeIfAbsent(r.addr().scope().name(), k -> new ArrayList<>()).add(r);
    }
    byNode.forEach((node, rs) -> {
      Scope s = Scope.node(node);
      // Paths a step may lie below: declared directories and mount points on this node.
      var holders = new TreeMap<String, ResourceAddr>();
      for (Resource r : rs) {
        if (r.type().equals("directory") || r.type().equals("mount")) {
          String p = attr(r, "path");
          if (p != null) holders.put(trim(p), r.addr());
        }
      }
      var aptConfig = new ArrayList<ResourceAddr>();
      for (Resource r : rs) {
        if (r.type().equals("command") && configuresApt(r.addr())) aptConfig.add(r.addr());
      }
      for (Resource r : rs) {
        if (r.type().equals("package")) for (ResourceAddr c : aptConfig) edge(r.addr(), c, "before packages");
        switch (r.type()) {
          case "file", "directory" -> {
            owner(s, r, attr(r, "owner"));
            group(s, r, attr(r, "group"));
            below(holders, r, attr(r, "path"), "below ");
          }
          case "line", "mount" -> below(holders, r, attr(r, "path"), "below ");
          case "command" -> {
            below(holders, r, attr(r, "creates"), "creates below ");
            for (String account : accounts(r.addr())) {
              if (steps.containsKey(s.resource("user", account))) edge(r.addr(), s.resource("user", account), "account");
            }
          }
          case "user" -> {
            String name = attr(r, "name");
            if (name != null && !name.equals("root")) below(holders, r, "/home/" + name, "home below ");
            if (r.attributes().get("gid") instanceof Value.Int gid) {
              boolean declared = false;
              for (Resource g : rs) {
                if (g.type().equals("group") && g.attributes().get("gid") instanceof Value.Int other && other.value() == gid.value()) {
                  edge(r.addr(), g.addr(), "primary group");
                  declared = true;
                }
              }
              // No group has the user's GID, so one named after the user is made with it: a declared
              // group of that name with another GID makes that fail on the host.
              if (!declared && steps.get(s.resource("group", name)) instanceof Resource same && same.attributes().get("gid") instanceof Value.Int other) {
                primaryGroupClash(r, name, gid.value(), other.value());
              }
            }
          }
          default -> {}
        }
      }
    });
  }

  /** Whether a command step was declared by a `command` block with `before_packages = true`. */
  private boolean configuresApt(ResourceAddr step) {
    for (String block : declaredBy.getOrDefault(step, java.util.Collections.emptySortedSet())) {
      int dot = block.indexOf('.');
      Entity e = dot < 0 ? null : program.entity(block.substring(0, dot), block.substring(dot + 1));
      if (e != null && e.kind().equals("command") && e.get("before_packages") instanceof Value.Bool b && b.value()) return true;
    }
    return false;
  }

  /** The `accounts` of the `command` blocks that declared a command step. */
  private List<String> accounts(ResourceAddr step) {
    var out = new ArrayList<String>();
    for (String block : declaredBy.getOrDefault(step, java.util.Collections.emptySortedSet())) {
      int dot = block.indexOf('.');
      Entity e = dot < 0 ? null : program.entity(block.substring(0, dot), block.substring(dot + 1));
      if (e != null && e.kind().equals("command") && e.get("accounts") instanceof Value.ListV l) {
        for (Value v : l.items()) if (v instanceof Value.Str a) out.add(a.value());
      }
    }
    return out;
  }

  private final java.util.Set<String> clashes = new java.util.HashSet<>();

  private void primaryGroupClash(Resource user, String name, long gid, long other) {
    if (!clashes.add(name)) return; // once, not once per node
    Entity u = program.entity("user", name);
    Entity g = program.entity("group", name);
    if (u == null || g == null) return;
    diagnostics.add(Diagnostic.error(Code.GRAPH_CONFLICT, u.spanOf("gid"), "user " + name + "'s primary group would be a new group " + name + " with GID " + gid
            + ", but group " + name + " has GID " + other,
            "make the group the user's primary group: `gid = group." + name + ".gid`")
        .withRelated(new Related(g.span(), "group " + name + " is declared here")));
  }

  private void owner(Scope s, Resource r, String owner) {
    if (owner == null) return;
    ResourceAddr u = s.resource("user", owner);
    if (steps.containsKey(u)) edge(r.addr(), u, "owner");
  }

  private void group(Scope s, Resource r, String group) {
    if (group == null) return;
    ResourceAddr g = s.resource("group", group);
    ResourceAddr u = s.resource("user", group);
    if (steps.containsKey(g)) edge(r.addr(), g, "group");
    else if (steps.containsKey(u)) edge(r.addr(), u, "group"); // the user's own primary group, made with it
  }

  /** After the nearest declared directory or mount strictly above {@code path}. */
  private void below(TreeMap<String, ResourceAddr> holders, Resource r, String path, String why) {
    if (path == null || !path.startsWith("/")) return;
    String p = trim(path);
    for (int i = p.lastIndexOf('/'); i >= 0; i = p.lastIndexOf('/', i - 1)) {
      String parent = i == 0 ? "/" : p.substring(0, i);
      ResourceAddr h = holders.get(parent);
      if (h != null && !h.equals(r.addr())) {
        edge(r.addr(), h, why + parent);
        return;
      }
      if (i == 0) return;
    }
  }

  private static String trim(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static String attr(Resource r, String name) {
    return r.attributes().get(name) instanceof Value.Str s ? s.value() : null;
  }

  // ---- explicit edges -----------------------------------------------------------------------------

  private void explicit() {
    // The steps of each block, by node.
    var stepsOf = new HashMap<String, SortedMap<Scope, List<ResourceAddr>>>();
    declaredBy.forEach((addr, blocks) -> {
      if (addr.scope().kind() != ScopeKind.NODE || !steps.containsKey(addr)) return;
      for (String b : blocks) stepsOf.computeIfAbsent(b, k -> new TreeMap<>()).computeIfAbsent(addr.scope(), k -> new ArrayList<>()).add(addr);
    });
    for (Entity e : program.entities().values()) {
      if (!(e.get("after") instanceof Value.ListV list) || list.items().isEmpty()) continue;
      Span at = e.spanOf("after");
      for (Value v : list.items()) {
        if (!(v instanceof Value.Ref ref)) {
          diagnostics.add(Diagnostic.error(Code.GRAPH_AFTER, at, e.kind() + " " + e.name() + "'s `after` lists a " + v.typeName() + ", not a block",
              "name blocks by kind and name, without quotes: `after = [directory.data, user.labops]`"));
          continue;
        }
        String target = ref.kind() + "." + ref.name();
        if (target.equals(e.address())) {
          diagnostics.add(Diagnostic.error(Code.GRAPH_AFTER, at, e.kind() + " " + e.name() + " is listed in its own `after`", "remove it from the list"));
          continue;
        }
        var mine = stepsOf.getOrDefault(e.address(), new TreeMap<>());
        var theirs = stepsOf.get(target);
        if (theirs == null || theirs.isEmpty()) {
          diagnostics.add(Diagnostic.error(Code.GRAPH_AFTER, at, e.kind() + " " + e.name() + " is to run after " + target + ", which has no steps on any node",
              "`after` orders blocks that become steps on nodes (files, directories, users, packages, services, commands, ...)"));
          continue;
        }
        boolean shared = false;
        for (var entry : mine.entrySet()) {
          var before = theirs.get(entry.getKey());
          if (before == null) continue;
          shared = true;
          for (ResourceAddr a : entry.getValue()) {
            for (ResourceAddr b : before) {
              // A step both blocks ask for (a shared package) is neither before nor after itself.
              if (!declaredBy.get(a).contains(target) && !declaredBy.get(b).contains(e.address())) edge(a, b, "after " + target);
            }
          }
        }
        if (!shared && !mine.isEmpty()) {
          diagnostics.add(Diagnostic.error(Code.GRAPH_AFTER, at, e.kind() + " " + e.name() + " is to run after " + target + ", but they share no node",
              "`after` orders steps on the same node; " + e.kind() + " " + e.name() + " is on " + nodes(mine) + ", " + target + " on " + nodes(theirs))
              .withRelated(new Related(program.entities().get(target).span(), target + " is declared here")));
        }
      }
    }
  }

  private static String nodes(SortedMap<Scope, List<ResourceAddr>> m) {
    return String.join(", ", m.keySet().stream().map(Scope::name).limit(6).toList()) + (m.size() > 6 ? ", ..." : "");
  }

  // ---- what cannot be ordered ---------------------------------------------------------------------

  private void conflicts(List<Emit.Conflict> conflicts) {
    // One error per pair of blocks and step type, naming the first node: a file on 200 nodes is one mistake.
    var seen = new java.util.HashSet<String>();
    for (Emit.Conflict c : conflicts) {
      if (!seen.add(c.first() + "\0" + c.second() + "\0" + c.addr().type() + "\0" + c.addr().key())) continue;
      Entity first = program.entities().get(c.first());
      Entity second = program.entities().get(c.second());
      String what = switch (c.addr().type()) {
        case "file" -> "file " + c.addr().key();
        case "directory" -> "directory " + c.addr().key();
        case "package" -> "package " + c.addr().key();
        case "mount" -> "mount point " + c.addr().key();
        case "command" -> "command " + c.addr().key();
        default -> c.addr().toString();
      };
      diagnostics.add(Diagnostic.error(Code.GRAPH_CONFLICT, second.span(), c.second() + " and " + c.first() + " both manage the " + what + " on node " + c.addr().scope().name()
              + (c.first().startsWith("file.") && c.second().startsWith("file.") ? "" : ", differently"),
              "one block must own it: remove one, give them different paths, or narrow their `on` to different nodes")
          .withRelated(new Related(first.span(), c.first() + " declares it here")));
    }
  }

  /** A `line` in a file a `file` block (or a stdlib kind) writes whole on the same node: each apply would undo the other. */
  private void lineOnManagedFile() {
    var seen = new java.util.HashSet<String>();
    for (Resource r : steps.values()) {
      if (!r.type().equals("line") || attr(r, "path") == null) continue;
      ResourceAddr file = r.addr().scope().resource("file", attr(r, "path"));
      if (!steps.containsKey(file)) continue;
      String line = first(declaredBy.get(r.addr()));
      String owner = first(declaredBy.get(file));
      if (line == null || owner == null || !seen.add(line + "\0" + owner)) continue;
      diagnostics.add(Diagnostic.error(Code.GRAPH_CONFLICT, program.entities().get(line).span(),
              line + " edits " + attr(r, "path") + " on node " + r.addr().scope().name() + ", which " + owner + " writes whole",
              "put the line into " + owner + "'s content, or manage the file with lines only")
          .withRelated(new Related(program.entities().get(owner).span(), owner + " writes the file here")));
    }
  }

  private static String first(SortedSet<String> s) {
    return s == null || s.isEmpty() ? null : s.first();
  }

  private void cycle(List<ResourceAddr> cycle) {
    var names = new ArrayList<String>();
    for (int i = 0; i < cycle.size(); i++) {
      ResourceAddr a = cycle.get(i);
      String why = i + 1 < cycle.size() ? reasons.getOrDefault(a, new TreeMap<>()).get(cycle.get(i + 1)) : null;
      names.add(a + (why == null ? "" : " (" + why + ")"));
    }
    Resource head = steps.get(cycle.get(0));
    var d = Diagnostic.error(Code.GRAPH_CYCLE, head.origin(), "steps wait for each other in a cycle: " + String.join(" -> ", names),
        "remove one of the edges: an `after` entry, or the owner, group or path that implies it (see `labc graph --format text`)");
    var spans = new java.util.LinkedHashSet<Span>();
    for (ResourceAddr a : cycle.subList(1, cycle.size() - 1)) spans.add(steps.get(a).origin());
    spans.remove(head.origin());
    for (Span s : spans) if (s != null) d = d.withRelated(new Related(s, "declared here"));
    diagnostics.add(d);
  }
}
