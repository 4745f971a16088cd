package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Value;
import dev.labc.shell.ShellCommand;
import dev.labc.source.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where expansions put primitive resources, with shorthands for the ones stdlib kinds use most.
 * The first declaration of an address wins (two kinds may ask for the same package on a node).
 */
final class Emit {
  /** Two declarations asking for one step with different attributes (or two `file` blocks for one path). */
  record Conflict(ResourceAddr addr, String first, String second) {}

  /** Types whose steps say what a path, package or named command must be: a second, different one is a conflict, not a merge. */
  private static final java.util.Set<String> EXCLUSIVE = java.util.Set.of("file", "directory", "package", "mount", "command");

  private final SortedMap<ResourceAddr, Resource> out;
  // Which blocks (`kind.name`) asked for each step: `after` and conflicts are about blocks, not steps.
  private final SortedMap<ResourceAddr, java.util.SortedSet<String>> declaredBy = new TreeMap<>();
  private final List<Conflict> conflicts = new ArrayList<>();
  private String declaring;
  // The kind instances whose bodies declared that block (`jupyterhub.main`): their `after` and watchers mean its steps too.
  private List<String> declaringOwners = List.of();

  Emit(SortedMap<ResourceAddr, Resource> out) { this.out = out; }

  /** The block whose steps the following calls add, until the next call. */
  Emit declaring(dev.labc.eval.Entity e) {
    declaring = e.address();
    declaringOwners = e.owners();
    return this;
  }

  SortedMap<ResourceAddr, java.util.SortedSet<String>> declaredBy() { return declaredBy; }

  List<Conflict> conflicts() { return conflicts; }

  /** The files block {@code block} (`kind.name`) wrote on this node so far: what watching a stdlib block means. */
  List<ResourceAddr> filesOf(String block, Scope s) {
    var out = new ArrayList<ResourceAddr>();
    for (var e : declaredBy.tailMap(new ResourceAddr(s, "file", null)).entrySet()) {
      if (!e.getKey().scope().equals(s) || !e.getKey().type().equals("file")) break;
      if (e.getValue().contains(block)) out.add(e.getKey());
    }
    return out;
  }

  void add(ResourceAddr addr, String type, Map<String, Value> attrs, List<ResourceAddr> deps, Span origin) {
    var r = new Resource(addr, type, new TreeMap<>(attrs), new TreeSet<>(deps), origin);
    Resource earlier = out.putIfAbsent(addr, r);
    if (declaring == null) return;
    var by = declaredBy.computeIfAbsent(addr, k -> new TreeSet<>());
    if (earlier != null && !by.isEmpty() && !by.contains(declaring) && EXCLUSIVE.contains(type)
        && (!earlier.attributes().equals(r.attributes()) || (type.equals("file") && by.first().startsWith("file.") && declaring.startsWith("file.")))) {
      conflicts.add(new Conflict(addr, by.first(), declaring));
    }
    by.add(declaring);
    by.addAll(declaringOwners);
  }

  boolean has(ResourceAddr addr) { return out.containsKey(addr); }

  Resource get(ResourceAddr addr) { return out.get(addr); }

  ResourceAddr pkg(Scope s, String name, List<ResourceAddr> deps, Span origin) {
    return pkg(s, name, false, deps, origin);
  }

  /** An apt package, present; {@code hold} keeps apt from upgrading it (apt-mark hold). */
  ResourceAddr pkg(Scope s, String name, boolean hold, List<ResourceAddr> deps, Span origin) {
    ResourceAddr a = s.resource("package", name);
    var attrs = new TreeMap<String, Value>(Map.of("name", str(name), "state", str("present")));
    if (hold) attrs.put("hold", new Value.Bool(true));
    add(a, "package", attrs, deps, origin);
    return a;
  }

  ResourceAddr absent(Scope s, String name, Span origin) {
    ResourceAddr a = s.resource("package", name);
    add(a, "package", Map.of("name", str(name), "state", str("absent")), List.of(), origin);
    return a;
  }

  ResourceAddr file(Scope s, String path, Value content, String mode, List<ResourceAddr> deps, Span origin) {
    ResourceAddr a = s.resource("file", path);
    add(a, "file", Map.of("path", str(path), "content", content, "mode", str(mode), "owner", str("root")), deps, origin);
    return a;
  }

  ResourceAddr file(Scope s, String path, String content, List<ResourceAddr> deps, Span origin) {
    return file(s, path, str(content), "0644", deps, origin);
  }

  /**
   * A service enabled and running. With {@code watched} files, {@code reload_on} names them and
   * {@code reload_digest} digests their declared content, so a change to any of them changes the
   * service too and the plan shows it (secret contents enter as their source's name only);
   * {@code reload_action} says whether the daemon is restarted or reloaded then.
   */
  ResourceAddr service(Scope s, String name, List<ResourceAddr> watched, String action, List<ResourceAddr> deps, Span origin) {
    return service(s, name, true, true, watched, action, deps, origin);
  }

  ResourceAddr service(Scope s, String name, boolean enabled, boolean running, List<ResourceAddr> watched, String action,
                       List<ResourceAddr> deps, Span origin) {
    ResourceAddr a = s.resource("service", name);
    Resource earlier = out.get(a);
    if (earlier != null && earlier.type().equals("service")) {
      // A second declaration of the service on this node (two nginx sites): it watches both's files.
      var union = new java.util.TreeSet<ResourceAddr>(watched);
      if (earlier.attributes().get("reload_on") instanceof Value.ListV on) {
        for (Value w : on.items()) union.add(ResourceAddr.parse(dev.labc.eval.Values.text(w)));
      }
      watched = List.copyOf(union);
      var allDeps = new java.util.TreeSet<>(earlier.dependsOn());
      allDeps.addAll(deps);
      deps = List.copyOf(allDeps);
      out.remove(a);
    }
    var attrs = new TreeMap<String, Value>(Map.of("name", str(name), "enabled", new Value.Bool(enabled), "state", str(running ? "running" : "stopped")));
    if (!watched.isEmpty()) {
      attrs.put("reload_on", watchedNames(watched));
      attrs.put("reload_digest", str(digest(watched)));
      attrs.put("reload_action", str(action));
    }
    var all = new ArrayList<>(deps);
    all.addAll(watched);
    add(a, "service", attrs, all, origin);
    return a;
  }

  /**
   * A command run each time one of {@code watched} changes (an Ansible handler), and once when
   * first declared: {@code trigger_on} names the files and {@code trigger_digest} digests their
   * declared content, so a changed file changes the command and the plan runs it again.
   */
  ResourceAddr triggered(Scope s, String id, ShellCommand command, List<ResourceAddr> watched, List<ResourceAddr> deps, Span origin) {
    ResourceAddr a = s.resource("command", id);
    var all = new ArrayList<>(deps);
    all.addAll(watched);
    add(a, "command", Map.of("command", shell(command), "trigger_on", watchedNames(watched), "trigger_digest", str(digest(watched))), all, origin);
    return a;
  }

  /** The watched addresses as a list value: the planner reads them back as addresses ({@code HostStep.Watch}). */
  private static Value.ListV watchedNames(List<ResourceAddr> watched) {
    return new Value.ListV(watched.stream().<Value>map(w -> str(w.toString())).toList());
  }

  /** A digest of the watched resources' declared content; a secret enters by its source's name only. */
  private String digest(List<ResourceAddr> watched) {
    var digest = new StringBuilder();
    for (ResourceAddr w : watched) {
      Resource r = out.get(w);
      Value c = r == null ? null : r.attributes().get("content");
      // A line (or any step without content) changes when its declared attributes do.
      String declared = c == null ? (r == null ? "" : r.attributes().toString()) : c instanceof Value.Secret sec ? "secret:" + sec.source() : dev.labc.eval.Values.text(c);
      digest.append(w).append('\0').append(declared).append('\0');
    }
    return sha256(digest.toString()).substring(0, 16);
  }

  /** Gives a command the environment it runs with; secret values stay secrets (digests in plans, text only at apply). */
  void environment(ResourceAddr command, Value.Obj env) {
    Resource r = out.get(command);
    var attrs = new TreeMap<>(r.attributes());
    attrs.put("env", env);
    out.put(command, new Resource(r.addr(), r.type(), attrs, r.dependsOn(), r.origin()));
  }

  /** A command run when {@code creates} does not exist. */
  ResourceAddr creates(Scope s, String id, ShellCommand command, String creates, List<ResourceAddr> deps, Span origin) {
    ResourceAddr a = s.resource("command", id);
    add(a, "command", Map.of("command", shell(command), "creates", str(creates)), deps, origin);
    return a;
  }

  /** A command run when {@code unless} fails. */
  ResourceAddr unless(Scope s, String id, ShellCommand command, ShellCommand unless, List<ResourceAddr> deps, Span origin) {
    ResourceAddr a = s.resource("command", id);
    add(a, "command", Map.of("command", shell(command), "unless", shell(unless)), deps, origin);
    return a;
  }

  /**
   * One line of an apt sources list, {@code deb [signed-by=<keyring>] <uri> <suite> <components>}.
   * A null {@code suite} is the node's release codename, which only the node knows; empty
   * {@code components} is a flat repository (suite "/").
   */
  record AptSource(String uri, String suite, String components) {}

  /**
   * A third-party apt repository: its signing key, its sources list, and an `apt-get update` run
   * until {@code probe} (a package the repository provides) has an install candidate. What
   * installs {@code probe} depends on the returned address.
   */
  ResourceAddr aptRepository(Scope s, String name, String keyUrl, AptSource source, String probe, Span origin) {
    ResourceAddr curl = pkg(s, "curl", List.of(), origin);
    ResourceAddr gpg = pkg(s, "gnupg", List.of(), origin);
    String keyring = "/usr/share/keyrings/" + name + ".gpg";
    ResourceAddr key = creates(s, "apt-key-" + name, ShellCommand.builder()
        .literal("curl").literal("-fsSL").value(keyUrl).literal("|").literal("gpg").literal("--dearmor").literal("-o").value(keyring).build(),
        keyring, List.of(curl, gpg), origin);
    String list = "/etc/apt/sources.list.d/" + name + ".list";
    // printf assembles the line from its parts on the node, so the codename can come from there.
    var line = ShellCommand.builder().literal("printf").value("deb [signed-by=%s] %s %s" + (source.components().isEmpty() ? "" : " %s") + "\\n")
        .value(keyring).value(source.uri());
    if (source.suite() == null) {
      line.output(ShellCommand.builder().literal(".").literal("/etc/os-release").literal("&&").literal("printf").literal("%s").literal("\"$VERSION_CODENAME\"").build());
    } else {
      line.value(source.suite());
    }
    if (!source.components().isEmpty()) line.value(source.components());
    ResourceAddr src = creates(s, "apt-source-" + name, line.literal(">").value(list).build(), list, List.of(key), origin);
    return unless(s, "apt-update-" + name, ShellCommand.builder().literal("apt-get").literal("update").build(),
        ShellCommand.builder().literal("apt-cache").literal("policy").value(probe).literal("|").literal("grep").literal("-q").value("Candidate: [0-9]").build(),
        List.of(src), origin);
  }

  /**
   * A command as the text of a {@code command} or {@code unless} attribute: values quoted by
   * {@link ShellCommand}. Secrets reach commands as environment ({@code env}), never as arguments,
   * because the attribute is shown in plans.
   */
  static Value.Str shell(ShellCommand command) {
    if (command.hasSecrets()) throw new IllegalArgumentException("a planned command carries no secret argument: " + command.display());
    return str(command.display());
  }

  static Value.Str str(String s) { return new Value.Str(s); }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
