package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Expands the evaluated cluster into primitive resources per node and cluster: OS preparation
 * (hostname, /etc/hosts, swap, groups and users with fixed IDs, Kubernetes modules and sysctls),
 * NFS server and clients; and, in their own classes, nodes' GPU settings
 * ({@link GpuSettingsExpansion}), std/determined
 * ({@link DeterminedExpansion}) and std/juicefs ({@link JuiceFsExpansion}); K3s/RKE2 on a cluster's members ({@link KubernetesInstall}).
 * The kinds are declared in stdlib/std/*.lab; issue #8.
 */
public final class ResourceGraphBuilder {
  private final Program program;
  private final FileTemplates.Renderer templates; // one per build: the nodes list is made once, not once a file and node
  private final SortedMap<ResourceAddr, Resource> out = new TreeMap<>();
  private final Emit emit = new Emit(out);
  // What expanding found wrong (a template that does not render, a manifest that does not parse): found where it is made, once.
  private final List<Diagnostic> found = new ArrayList<>();

  private ResourceGraphBuilder(Program program) {
    this.program = program;
    this.templates = new FileTemplates.Renderer(program);
  }

  /**
   * The graph with its explicit and implicit edges, and what is wrong with it: templates that do
   * not render and manifests that do not parse (E0418, E0419), conflicts, bad `after`, cycles. With
   * an error the graph lacks the steps that could not be made, and nothing should apply it.
   */
  public record Built(ResourceGraph graph, List<Diagnostic> diagnostics) {
    public Built {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() { return diagnostics.stream().noneMatch(Diagnostic::isError); }
  }

  /** The graph alone, for a program whose graph was checked ({@link #buildChecked}) before. */
  public static ResourceGraph build(Program program) {
    return buildChecked(program).graph();
  }

  /** Builds the graph in one pass: every template rendered once, and whatever fails a diagnostic, never an exception. */
  public static Built buildChecked(Program program) {
    var b = new ResourceGraphBuilder(program);
    b.expand();
    var ordered = StepOrder.order(program, b.out, b.emit.declaredBy(), b.emit.conflicts());
    var all = new ArrayList<>(b.found);
    all.addAll(ordered.diagnostics());
    return new Built(ordered.graph(), all);
  }

  private void expand() {
    List<Entity> nodes = program.ofKind("node");
    String hosts = hostsBlock(nodes);
    var k8sNodes = new TreeSet<String>();
    for (Entity c : program.ofKind("cluster")) {
      Values.refs(c.get("servers")).forEach(r -> k8sNodes.add(r.name()));
      Values.refs(c.get("agents")).forEach(r -> k8sNodes.add(r.name()));
    }
    // Once, not per node: ofKind scans every entity, and a per-node scan is quadratic in the node count.
    List<Entity> allGroups = program.ofKind("group");
    List<Entity> allUsers = program.ofKind("user");
    for (Entity n : nodes) {
      Scope s = Scope.node(n.name());
      String hostname = n.get("hostname") instanceof Value.Str h ? h.value() : n.name();
      emit.declaring(n);
      add(s.resource("hostname"), "hostname", Map.of("name", str(hostname)), List.of(), n.span());
      add(s.resource("endpoint"), "endpoint", endpoint(n), List.of(), n.span());
      add(s.resource("block", "/etc/hosts"), "block", Map.of("path", str("/etc/hosts"), "marker", str("labc hosts"), "content", str(hosts)),
          List.of(s.resource("hostname")), n.span());
      if (n.get("swap") instanceof Value.Bool b && !b.value()) {
        add(s.resource("swap"), "swap", Map.of("enabled", new Value.Bool(false)), List.of(), n.spanOf("swap"));
      }
      for (Entity g : allGroups) {
        emit.declaring(g);
        add(s.resource("group", g.name()), "group", Map.of("name", str(g.name()), "gid", g.get("gid")), List.of(), g.span());
      }
      for (Entity u : allUsers) {
        var on = Values.refs(u.get("on"));
        if (!on.isEmpty() && on.stream().noneMatch(r -> r.name().equals(n.name()))) continue;
        emit.declaring(u);
        var deps = new ArrayList<ResourceAddr>();
        var groups = new ArrayList<Value>();
        for (Value.Ref g : Values.refs(u.get("groups"))) {
          deps.add(s.resource("group", g.name()));
          groups.add(str(g.name()));
        }
        var attrs = new TreeMap<String, Value>();
        attrs.put("name", str(u.name()));
        attrs.put("uid", u.get("uid"));
        attrs.put("gid", u.get("gid") instanceof Value.Int ? u.get("gid") : u.get("uid"));
        attrs.put("groups", new Value.ListV(groups));
        attrs.put("shell", u.get("shell"));
        attrs.put("ssh_keys", u.get("ssh_keys"));
        add(s.resource("user", u.name()), "user", attrs, deps, u.span());
      }
      if (k8sNodes.contains(n.name())) {
        emit.declaring(n);
        for (String m : List.of("br_netfilter", "overlay")) {
          add(s.resource("kernel_module", m), "kernel_module", Map.of("name", str(m), "persist", new Value.Bool(true)), List.of(), n.span());
        }
        for (String key : List.of("net.bridge.bridge-nf-call-ip6tables", "net.bridge.bridge-nf-call-iptables", "net.ipv4.ip_forward")) {
          add(s.resource("sysctl", key), "sysctl", Map.of("key", str(key), "value", str("1")),
              List.of(s.resource("kernel_module", "br_netfilter")), n.span());
        }
      }
    }
    for (Entity st : program.ofKind("storage")) {
      emit.declaring(st);
      nfs(st);
    }
    // std/docker and std/determined; Determined's agents start after Docker.
    // Each block's steps are recorded as its own (`declaring`), for `after` and conflicts.
    for (Entity d : program.ofKind("determined")) DeterminedExpansion.expand(program, d, emit.declaring(d));
    for (Entity d : program.ofKind("kernel_args")) KernelArgsExpansion.expand(program, d, emit.declaring(d));
    for (Entity d : program.ofKind("juicefs")) JuiceFsExpansion.expand(d, emit.declaring(d));
    for (Entity d : program.ofKind("rke_cluster")) RkeClusterConfig.expand(program, d, emit.declaring(d));
    for (Entity f : program.ofKind("file")) file(f, nodes);
    for (Entity l : program.ofKind("line")) line(l, nodes);
    HostPrimitives.expand(program, nodes, emit);
    // After the primitives: a node's gpu step follows the driver package std/nvidia's body declares.
    GpuSettingsExpansion.expand(program, nodes, emit);
    var installs = new TreeMap<String, ResourceAddr>();
    for (Entity c : program.ofKind("cluster")) KubernetesInstall.expand(program, c, emit.declaring(c)).ifPresent(a -> installs.put(c.name(), a));
    var kube = KubeResources.expand(program, name -> java.util.Optional.ofNullable(installs.get(name)));
    for (Resource r : kube.resources()) out.putIfAbsent(r.addr(), r);
    found.addAll(kube.diagnostics());
  }

  /** A declared line on each node it names, or on every node; addressed by its declaration's name. */
  private void line(Entity l, List<Entity> nodes) {
    emit.declaring(l);
    var on = Values.refs(l.get("on"));
    for (Entity n : nodes) {
      if (!on.isEmpty() && on.stream().noneMatch(r -> r.name().equals(n.name()))) continue;
      var attrs = new TreeMap<String, Value>();
      attrs.put("path", l.get("path"));
      attrs.put("line", l.get("line"));
      attrs.put("state", l.get("state"));
      if (!(l.get("match") instanceof Value.Null)) attrs.put("match", l.get("match"));
      add(Scope.node(n.name()).resource("line", l.name()), "line", attrs, List.of(), l.span());
    }
  }

  /**
   * A declared file on each node it names, or on every node. Its template is rendered here and only
   * here; the first node it fails for is its one E0418 (the rest would repeat it), and the file is
   * then left out of the graph.
   */
  private void file(Entity f, List<Entity> nodes) {
    emit.declaring(f);
    // Neither content nor template: TemplateCheck's E0418 (both: the content, as it always was).
    if (f.get("content") instanceof Value.Null && f.get("template") instanceof Value.Null) return;
    var on = Values.refs(f.get("on"));
    String path = text(f.get("path"));
    for (Entity n : nodes) {
      if (!on.isEmpty() && on.stream().noneMatch(r -> r.name().equals(n.name()))) continue;
      Value content = f.get("content");
      if (content instanceof Value.Null) {
        switch (templates.render(f, n)) {
          case FileTemplates.Rendering.Text t -> content = Values.madeFrom(f.get("vars"), t.text());
          case FileTemplates.Rendering.Failed failed -> {
            found.add(Diagnostic.error(Code.TEMPLATE, f.spanOf("template"), failed.message() + " (rendering for node " + n.name() + ")",
                "templates see vars, node (name, address, hostname, roles, labels, gpu: null on a node without GPUs) and nodes; see docs/language.md (Files, lines and templates)"));
            return;
          }
        }
      }
      var attrs = new TreeMap<String, Value>(Map.of("path", str(path), "content", content, "mode", f.get("mode"), "owner", f.get("owner")));
      // Only when declared: a file without `group` keeps the plan and state it had before groups.
      if (f.get("group") instanceof Value.Str g) attrs.put("group", g);
      add(Scope.node(n.name()).resource("file", path), "file", attrs, List.of(), f.span());
    }
  }

  private void nfs(Entity st) {
    if (!(st.get("kind") instanceof Value.Str k) || !k.value().equals("nfs")) return;
    String export = st.get("export") instanceof Value.Str e ? e.value() : "/srv/" + st.name();
    String mount = st.get("mount") instanceof Value.Str m ? m.value() : "/mnt/" + st.name();
    if (!(st.get("server") instanceof Value.Ref server)) {
      // A NAS appliance: only the clients' mounts.
      if (st.get("server_address") instanceof Value.Ip ip) nfsClients(st, ip.text(), export, mount, null, List.of());
      return;
    }
    Scope ss = Scope.node(server.name());
    add(ss.resource("package", "nfs-kernel-server"), "package", Map.of("name", str("nfs-kernel-server"), "state", str("present")), List.of(), st.span());
    add(ss.resource("directory", export), "directory", Map.of("path", str(export), "mode", str("0755")), List.of(), st.spanOf("export"));
    var opts = new ArrayList<String>();
    if (st.get("options") instanceof Value.ListV l) l.items().forEach(v -> opts.add(((Value.Str) v).value()));
    String optText = String.join(",", opts.isEmpty() ? List.of("rw", "sync", "no_subtree_check") : opts);
    var lines = new StringBuilder();
    if (st.get("allow") instanceof Value.ListV allow && !allow.items().isEmpty()) {
      lines.append(export);
      for (Value v : allow.items()) lines.append(' ').append(((Value.Cidr) v).text()).append('(').append(optText).append(')');
      lines.append('\n');
    } else {
      for (Value.Ref c : Values.refs(st.get("clients"))) {
        Entity cn = program.entity("node", c.name());
        lines.append(export).append(' ').append(text(cn.get("address"))).append('(').append(optText).append(")\n");
      }
    }
    // The export list needs only its directory, not the package: written first, the server's first
    // start already exports it (as Docker's daemon.json goes before Docker), and a host that cannot
    // install packages yet (`--skip-needs network`) still gets it.
    ResourceAddr exports = ss.resource("file", "/etc/exports.d/labc-" + st.name() + ".exports");
    add(exports, "file", Map.of("path", str(exports.key()), "content", str("# managed by labc: storage " + st.name() + "\n" + lines), "mode", str("0644"), "owner", str("root")),
        List.of(ss.resource("directory", export)), st.span());
    // A changed export list is re-read by `systemctl reload nfs-server` (exportfs -r): it watches the file.
    emit.service(ss, "nfs-server", List.of(exports), "reload", List.of(ss.resource("package", "nfs-kernel-server")), st.span());
    String serverAddr = text(program.entity("node", server.name()).get("address"));
    // The clients mount after the server serves, and after it made the homes their users need.
    var serverSteps = new ArrayList<ResourceAddr>(homesOnServer(st, server.name(), export, mount));
    serverSteps.add(ss.resource("service", "nfs-server"));
    nfsClients(st, serverAddr, export, mount, server.name(), serverSteps);
  }

  /**
   * Seed 003's shared /home: a client cannot make a user's home on the export (root is squashed
   * there), so the server makes each home below the mount point in the export, owned by the user
   * and its primary group, before any client mounts it (the clients' users wait for the mount).
   * Only for users declared on the server, whose names it can resolve.
   */
  private List<ResourceAddr> homesOnServer(Entity st, String server, String export, String mount) {
    var out = new ArrayList<ResourceAddr>();
    String m = mount.endsWith("/") && mount.length() > 1 ? mount.substring(0, mount.length() - 1) : mount;
    Scope ss = Scope.node(server);
    for (Entity u : program.ofKind("user")) {
      var on = Values.refs(u.get("on"));
      if (!on.isEmpty() && on.stream().noneMatch(r -> r.name().equals(server))) continue;
      String home = "/home/" + u.name();
      if (!home.startsWith(m + "/")) continue;
      String path = export + home.substring(m.length());
      long gid = u.get("gid") instanceof Value.Int g ? g.value() : ((Value.Int) u.get("uid")).value();
      String group = program.ofKind("group").stream().filter(g -> g.get("gid") instanceof Value.Int i && i.value() == gid).map(Entity::name).findFirst().orElse(u.name());
      add(ss.resource("directory", path), "directory", Map.of("path", str(path), "owner", str(u.name()), "group", str(group), "mode", str("0750")),
          List.of(ss.resource("directory", export)), st.spanOf("mount"));
      out.add(ss.resource("directory", path));
    }
    return out;
  }

  /** Each client's nfs-common and mount; after the server's NFS service (and the homes it makes) when labc manages the server. */
  private void nfsClients(Entity st, String serverAddr, String export, String mount, String serverNode, List<ResourceAddr> serverSteps) {
    for (Value.Ref c : Values.refs(st.get("clients"))) {
      if (c.name().equals(serverNode)) continue;
      Scope cs = Scope.node(c.name());
      add(cs.resource("package", "nfs-common"), "package", Map.of("name", str("nfs-common"), "state", str("present")), List.of(), st.span());
      var attrs = new TreeMap<String, Value>();
      attrs.put("source", str(serverAddr + ":" + export));
      attrs.put("path", str(mount));
      attrs.put("fstype", str("nfs4"));
      attrs.put("options", str("defaults,_netdev"));
      var deps = new ArrayList<ResourceAddr>(List.of(cs.resource("package", "nfs-common")));
      deps.addAll(serverSteps);
      add(cs.resource("mount", mount), "mount", attrs, deps, st.spanOf("mount"));
    }
  }

  /**
   * Where labc connects to a node, recorded in state like any resource, so that a node taken out
   * of the configuration can still be reached to remove what labc put there.
   */
  private static Map<String, Value> endpoint(Entity n) {
    var attrs = new TreeMap<String, Value>();
    Value dialled = n.get("ssh_address") instanceof Value.Ip m ? m : n.get("address");
    attrs.put("address", str(dialled instanceof Value.Null ? n.name() : text(dialled)));
    attrs.put("port", n.get("ssh_port") instanceof Value.Int i ? i : new Value.Int(22));
    attrs.put("user", n.get("ssh_user") instanceof Value.Str u ? u : str("root"));
    if (n.get("ssh_via") instanceof Value.Ref via) attrs.put("via", str(via.name()));
    return attrs;
  }

  private static String hostsBlock(List<Entity> nodes) {
    var sb = new StringBuilder();
    for (Entity n : nodes) {
      String name = n.get("hostname") instanceof Value.Str h ? h.value() : n.name();
      sb.append(text(n.get("address"))).append(' ').append(name).append('\n');
    }
    return sb.toString();
  }

  private void add(ResourceAddr addr, String type, Map<String, Value> attrs, List<ResourceAddr> deps, Span origin) {
    // Several declarations may ask for the same package on one node; the first one wins, and Emit
    // reports two that differ.
    emit.add(addr, type, attrs, deps, origin);
  }

  private static Value.Str str(String s) { return new Value.Str(s); }

  private static String text(Value v) { return Values.text(v); }
}
