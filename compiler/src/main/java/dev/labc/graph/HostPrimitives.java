package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user-level `apt_repository`, `package`, `directory`, `service` and `command` kinds of std/core: each on the
 * nodes it names (every node otherwise), as the primitive resource of the same type. Services and
 * commands that watch declared files name those files' addresses on the same node, so they run
 * after them and again when their content changes. Expanded after `file`, whose addresses they use.
 */
final class HostPrimitives {
  private HostPrimitives() {}

  static void expand(Program program, List<Entity> nodes, Emit emit) {
    for (Entity r : program.ofKind("apt_repository")) {
      String name = r.get("name") instanceof Value.Str n ? n.value() : r.name();
      String suite = r.get("suite") instanceof Value.Str st ? st.value() : null;
      var source = new Emit.AptSource(Values.text(r.get("uri")), suite, Values.text(r.get("components")));
      emit.declaring(r);
      for (Entity node : on(r, nodes)) {
        emit.aptRepository(Scope.node(node.name()), name, Values.text(r.get("key_url")), source, Values.text(r.get("probe")), r.span());
      }
    }
    for (Entity p : program.ofKind("package")) {
      String name = p.get("name") instanceof Value.Str n ? n.value() : p.name();
      emit.declaring(p);
      for (Entity node : on(p, nodes)) {
        Scope s = Scope.node(node.name());
        var attrs = new TreeMap<String, Value>(Map.of("name", str(name), "state", p.get("state")));
        if (p.get("version") instanceof Value.Str v) attrs.put("version", v);
        if (p.get("hold") instanceof Value.Bool b && b.value()) attrs.put("hold", b);
        emit.add(s.resource("package", name), "package", attrs, List.of(), p.span());
      }
    }
    for (Entity d : program.ofKind("directory")) {
      String path = Values.text(d.get("path"));
      emit.declaring(d);
      var attrs = new TreeMap<String, Value>(Map.of("path", str(path), "mode", d.get("mode")));
      // Only when declared, as a file's group: directories without them plan as they did before.
      if (d.get("owner") instanceof Value.Str o) attrs.put("owner", o);
      if (d.get("group") instanceof Value.Str g) attrs.put("group", g);
      for (Entity node : on(d, nodes)) {
        emit.add(Scope.node(node.name()).resource("directory", path), "directory", attrs, List.of(), d.span());
      }
    }
    for (Entity sv : program.ofKind("service")) {
      String name = sv.get("name") instanceof Value.Str n ? n.value() : sv.name();
      boolean enabled = sv.get("enabled") instanceof Value.Bool b && b.value();
      boolean running = Values.text(sv.get("state")).equals("running");
      boolean reload = sv.get("reload") instanceof Value.Bool b && b.value();
      emit.declaring(sv);
      for (Entity node : on(sv, nodes)) {
        Scope s = Scope.node(node.name());
        emit.service(s, name, enabled, running, watched(program, sv.get("restart_on"), s, emit), reload ? "reload" : "restart", packages(program, s, emit, sv), sv.span());
      }
    }
    for (Entity c : program.ofKind("command")) {
      ShellCommand run = ShellCommand.labScript(Values.text(c.get("run"))); // a lab's own shell code, by the kind's definition
      String name = c.get("name") instanceof Value.Str n ? n.value() : c.name();
      emit.declaring(c);
      for (Entity node : on(c, nodes)) {
        Scope s = Scope.node(node.name());
        List<ResourceAddr> watched = watched(program, c.get("on_change"), s, emit);
        // apt's own configuration runs before the packages (StepOrder), so it cannot wait for them.
        boolean beforePackages = c.get("before_packages") instanceof Value.Bool b && b.value();
        List<ResourceAddr> deps = beforePackages ? List.of() : packages(program, s, emit, c);
        ResourceAddr a;
        if (!watched.isEmpty()) a = emit.triggered(s, name, run, watched, deps, c.span());
        else if (!(c.get("creates") instanceof Value.Null)) a = emit.creates(s, name, run, Values.text(c.get("creates")), deps, c.span());
        else a = emit.unless(s, name, run, ShellCommand.labScript(Values.text(c.get("unless"))), deps, c.span());
        // Only when declared: commands without `env` plan as they did before it existed.
        if (c.get("env") instanceof Value.Obj env && !env.fields().isEmpty()) emit.environment(a, env);
      }
    }
  }

  /** The nodes a declaration names in `on`, or every node. */
  static List<Entity> on(Entity e, List<Entity> nodes) {
    var on = Values.refs(e.get("on"));
    if (on.isEmpty()) return nodes;
    return nodes.stream().filter(n -> on.stream().anyMatch(r -> r.name().equals(n.name()))).toList();
  }

  /**
   * The addresses, on this node, of what a service or command watches: declared files and lines,
   * and the files a stdlib block (expanded before these kinds) writes there.
   */
  private static List<ResourceAddr> watched(Program program, Value watched, Scope s, Emit emit) {
    var out = new ArrayList<ResourceAddr>();
    for (Value.Ref r : Values.refs(watched)) {
      switch (r.kind()) {
        case "file" -> out.add(s.resource("file", Values.text(program.entity("file", r.name()).get("path"))));
        case "line" -> out.add(s.resource("line", r.name()));
        default -> out.addAll(emit.filesOf(r.kind() + "." + r.name(), s)); // other kinds: refused by CommandGuardCheck
      }
    }
    out.removeIf(a -> !emit.has(a));
    return out;
  }

  /**
   * Services and commands run after the packages declared on their node, which they usually need;
   * less the packages whose `after` names the block, or the kind instance whose body declared it
   * (`after = [nvidia_driver.gpu]`): a command that must run first (an apt repository added, an
   * initramfs rebuilt), or a lab's package after a whole stdlib block, would otherwise be a cycle.
   */
  private static List<ResourceAddr> packages(Program program, Scope s, Emit emit, Entity block) {
    var out = new ArrayList<ResourceAddr>();
    var first = new java.util.HashSet<ResourceAddr>();
    for (Entity p : program.ofKind("package")) {
      // Only the blocks on this node: another node's block of the same package name says nothing here.
      var on = Values.refs(p.get("on"));
      if (!on.isEmpty() && on.stream().noneMatch(r -> r.name().equals(s.name()))) continue;
      ResourceAddr a = s.resource("package", p.get("name") instanceof Value.Str n ? n.value() : p.name());
      if (Values.refs(p.get("after")).stream().anyMatch(r -> (r.kind().equals(block.kind()) && r.name().equals(block.name()))
          || block.owners().contains(r.kind() + "." + r.name()))) first.add(a);
      else if (emit.has(a) && !out.contains(a) && !(emit.get(a).attributes().get("state") instanceof Value.Str st && st.value().equals("absent"))) out.add(a);
    }
    out.removeAll(first);
    return out;
  }

  private static Value.Str str(String s) { return new Value.Str(s); }
}
