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
import java.util.Optional;

/**
 * K3s or RKE2 on a cluster's nodes: the first server initialises the cluster; further servers and
 * the agents join it at its supervisor address (RKE2 9345, K3s 6443) once its install is done.
 * Every member gets config.yaml (node IP, the CIDRs on servers, {@code server:} on joiners) and,
 * when the cluster has a {@code token}, a root-only drop-in holding it: a secret file, shown and
 * stored as a digest. Nothing for a cluster reached through a given kubeconfig.
 */
final class KubernetesInstall {
  private KubernetesInstall() {}

  /** The first server's install step (what every Kubernetes object waits for), if labc installs the cluster. */
  static Optional<ResourceAddr> expand(Program program, Entity c, Emit emit) {
    if (!(c.get("kubeconfig") instanceof Value.Null)) return Optional.empty();
    var servers = Values.refs(c.get("servers"));
    if (servers.isEmpty()) return Optional.empty();
    String dist = Values.text(c.get("distribution"));
    Entity first = program.entity("node", servers.get(0).name());
    String firstAddress = Values.text(first.get("address"));
    ResourceAddr firstInstall = member(program, c, dist, first, Role.FIRST, firstAddress, null, emit);
    for (Value.Ref r : servers.subList(1, servers.size())) {
      member(program, c, dist, program.entity("node", r.name()), Role.SERVER, firstAddress, firstInstall, emit);
    }
    for (Value.Ref r : Values.refs(c.get("agents"))) {
      if (servers.stream().anyMatch(s -> s.name().equals(r.name()))) continue;
      member(program, c, dist, program.entity("node", r.name()), Role.AGENT, firstAddress, firstInstall, emit);
    }
    return Optional.of(firstInstall);
  }

  enum Role { FIRST, SERVER, AGENT }

  /** The address joiners dial: RKE2's supervisor port, K3s's API port (K3s serves both on one). */
  static String joinUrl(String distribution, String firstAddress) {
    String host = firstAddress.contains(":") ? "[" + firstAddress + "]" : firstAddress;
    return "https://" + host + (distribution.equals("rke2") ? ":9345" : ":6443");
  }

  private static ResourceAddr member(Program program, Entity c, String dist, Entity n, Role role, String firstAddress,
                                     ResourceAddr firstInstall, Emit emit) {
    Scope s = Scope.node(n.name());
    String address = Values.text(n.get("address"));
    var config = new StringBuilder("# managed by labc: cluster ").append(c.name()).append('\n');
    if (role != Role.FIRST) config.append("server: ").append(joinUrl(dist, firstAddress)).append('\n');
    config.append("node-ip: ").append(address).append('\n');
    if (role != Role.AGENT) {
      config.append("tls-san:\n  - ").append(address).append('\n');
      // Servers must agree on the ranges; agents take them from the servers.
      if (c.get("pod_cidr") instanceof Value.Cidr p) config.append("cluster-cidr: ").append(p.text()).append('\n');
      if (c.get("service_cidr") instanceof Value.Cidr sv) config.append("service-cidr: ").append(sv.text()).append('\n');
    }
    if (dist.equals("k3s") && role == Role.FIRST) config.append("cluster-init: true\n");
    if (dist.equals("k3s") && role != Role.AGENT) config.append("write-kubeconfig-mode: \"0600\"\n");
    String dir = "/etc/rancher/" + dist;
    ResourceAddr configAddr = emit.file(s, dir + "/config.yaml", Emit.str(config.toString()), "0600", List.of(), c.span());
    var deps = new ArrayList<ResourceAddr>(List.of(configAddr));
    if (c.get("token") instanceof Value.Secret token) {
      // The token in a drop-in of its own, so config.yaml stays readable in the plan.
      String content = token.value() == null ? null : "token: " + token.value() + "\n";
      deps.add(emit.file(s, dir + "/config.yaml.d/labc-token.yaml", new Value.Secret(token.source(), content), "0600", List.of(), c.spanOf("token")));
    }
    if (emit.has(s.resource("swap"))) deps.add(s.resource("swap"));
    if (emit.has(s.resource("sysctl", "net.ipv4.ip_forward"))) deps.add(s.resource("sysctl", "net.ipv4.ip_forward"));
    if (firstInstall != null) deps.add(firstInstall);
    String version = c.get("version") instanceof Value.Str v ? "v" + v.value().replaceFirst("^v", "") : null;
    // The installer's settings go through env(1) as NAME=value arguments: a quoted word in front
    // of sh would not be an assignment, and the version is a value.
    ShellCommand command;
    String creates;
    if (dist.equals("k3s")) {
      var run = ShellCommand.builder().literal("curl").literal("-sfL").literal("https://get.k3s.io").literal("|");
      if (version != null) run.literal("env").value("INSTALL_K3S_VERSION=" + version);
      run.literal("sh").literal("-s").literal("-");
      command = (role == Role.AGENT ? run.literal("agent") : run.literal("server")).build();
      creates = role == Role.AGENT ? "/var/lib/rancher/k3s/agent/kubelet.kubeconfig" : "/etc/rancher/k3s/k3s.yaml";
    } else {
      String unit = role == Role.AGENT ? "rke2-agent.service" : "rke2-server.service";
      var run = ShellCommand.builder().literal("curl").literal("-sfL").literal("https://get.rke2.io").literal("|");
      if (version != null || role == Role.AGENT) run.literal("env");
      if (version != null) run.value("INSTALL_RKE2_VERSION=" + version);
      if (role == Role.AGENT) run.literal("INSTALL_RKE2_TYPE=agent");
      command = run.literal("sh").literal("-").build().andThen(ShellCommand.builder().literal("systemctl").literal("enable").literal("--now").value(unit).build());
      creates = role == Role.AGENT ? "/var/lib/rancher/rke2/agent/kubelet.kubeconfig" : "/etc/rancher/rke2/rke2.yaml";
    }
    String id = dist + (role == Role.AGENT ? "-agent-install" : "-install");
    return emit.creates(s, id, command, creates, deps, c.span());
  }
}
