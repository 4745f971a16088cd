package dev.labc.graph;

import dev.labc.addr.Scope;
import dev.labc.eval.Addresses;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.kube.KubeManifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * std/rke's {@code rke_cluster}: RKE (v1)'s cluster.yml as one file on the node `rke up` runs
 * on (seed 002). Written through the canonical YAML writer, so it is valid YAML with sorted keys
 * and reads as a line diff in the plan.
 */
final class RkeClusterConfig {
  private static final List<String> ROLES = List.of("controlplane", "etcd", "worker");

  private RkeClusterConfig() {}

  static void expand(Program program, Entity r, Emit emit) {
    if (!(r.get("on") instanceof Value.Ref on)) return;
    emit.file(Scope.node(on.name()), Values.text(r.get("path")), Emit.str(render(program, r)), "0600", List.of(), r.span());
  }

  static String render(Program program, Entity r) {
    // Nodes in the order they first appear, each with its roles in RKE's order.
    var roles = new LinkedHashMap<String, List<String>>();
    for (String role : ROLES) {
      for (Value.Ref n : Values.refs(r.get(role))) roles.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(role);
    }
    boolean fqdn = Values.text(r.get("address_from")).equals("fqdn");
    var nodes = new ArrayList<Object>();
    roles.forEach((name, rs) -> {
      Entity n = program.entity("node", name);
      var node = new TreeMap<String, Object>();
      String fq = n.get("labels") instanceof Value.Obj l && l.fields().get("fqdn") instanceof Value.Str f ? f.value() : null;
      node.put("address", fqdn && fq != null ? fq : Values.text(n.get("address")));
      node.put("internal_address", Values.text(n.get("address")));
      node.put("hostname_override", n.get("hostname") instanceof Value.Str h ? h.value() : n.name());
      node.put("user", Values.text(r.get("user")));
      node.put("role", rs);
      node.put("docker_socket", Values.text(r.get("docker_socket")));
      node.put("ssh_key_path", Values.text(r.get("ssh_key_path")));
      nodes.add(node);
    });
    String pods = r.get("pod_cidr") instanceof Value.Cidr p ? p.text() : "10.42.0.0/16";
    String services = r.get("service_cidr") instanceof Value.Cidr s ? s.text() : "10.43.0.0/16";
    var services_ = new TreeMap<String, Object>();
    if (r.get("etcd_snapshots") instanceof Value.Bool b && b.value()) {
      services_.put("etcd", Map.of("snapshot", true, "creation", "6h", "retention", "24h"));
    }
    services_.put("kube-api", Map.of("service_cluster_ip_range", services));
    services_.put("kube-controller", Map.of("cluster_cidr", pods, "service_cluster_ip_range", services));
    services_.put("kubelet", Map.of("cluster_domain", Values.text(r.get("cluster_domain")),
        "cluster_dns_server", Addresses.host(services, 10), "fail_swap_on", true));
    var doc = new TreeMap<String, Object>();
    doc.put("nodes", nodes);
    doc.put("ignore_docker_version", r.get("ignore_docker_version") instanceof Value.Bool b && b.value());
    doc.put("ssh_key_path", Values.text(r.get("ssh_key_path")));
    doc.put("network", Map.of("plugin", Values.text(r.get("network_plugin"))));
    doc.put("services", services_);
    doc.put("cluster_name", r.name());
    if (r.get("kubernetes_version") instanceof Value.Str v) doc.put("kubernetes_version", v.value());
    return "# managed by labc: rke_cluster " + r.name() + "; run `rke up --config " + Values.text(r.get("path")) + "`\n" + KubeManifests.write(doc);
  }
}
