package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;

/** etcd needs a majority: 2 servers tolerate no failure and halve availability; use 1, 3 or 5 (cluster servers, rke_cluster etcd nodes). */
final class EtcdQuorumCheck implements ClusterCheck {
  public Code code() { return Code.ETCD_QUORUM; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity c : p.ofKind("cluster")) {
      // Who counts is each distinct server: a node listed twice is one etcd member, agents none.
      var servers = Values.refs(c.get("servers"));
      int n = new java.util.HashSet<>(servers).size();
      if (n < servers.size()) {
        out.add(Diagnostic.error(code(), c.spanOf("servers"), "cluster `" + c.name() + "` lists a server twice: it has " + n + " etcd member" + (n == 1 ? "" : "s") + ", not " + servers.size(),
            "name each server once in `servers`"));
      }
      if (n == 0 && c.get("kubeconfig") instanceof dev.labc.eval.Value.Null) { // with a kubeconfig, labc installs nothing: the cluster exists
        out.add(Diagnostic.error(code(), c.spanOf("servers"), "cluster `" + c.name() + "` has no server: there is no control plane to join, and nothing for its pods to run on",
            "name 1 (or 3) nodes in `servers`; K3s and RKE2 servers run pods too, so agents are optional"));
      } else if (n == 2) {
        out.add(Diagnostic.error(code(), c.spanOf("servers"), "cluster `" + c.name() + "` has 2 servers: etcd loses quorum if either fails",
            "use 1 server, or 3 (or 5) for high availability"));
      } else if (n > 0 && n % 2 == 0) {
        out.add(Diagnostic.warning(code(), c.spanOf("servers"), "cluster `" + c.name() + "` has " + n + " servers: an even count adds no fault tolerance",
            "use " + (n - 1) + " or " + (n + 1) + " servers"));
      }
    }
    // std/rke's cluster.yml names its etcd members directly.
    for (Entity r : p.ofKind("rke_cluster")) {
      int n = new java.util.HashSet<>(Values.refs(r.get("etcd"))).size();
      if (n == 0) {
        out.add(Diagnostic.error(code(), r.spanOf("etcd"), "rke_cluster `" + r.name() + "` has no etcd node", "name 1, 3 or 5 nodes in `etcd`"));
      } else if (n % 2 == 0) {
        out.add(n == 2
            ? Diagnostic.error(code(), r.spanOf("etcd"), "rke_cluster `" + r.name() + "` has 2 etcd nodes: etcd loses quorum if either fails",
                "use 1 etcd node, or 3 (or 5) for high availability")
            : Diagnostic.warning(code(), r.spanOf("etcd"), "rke_cluster `" + r.name() + "` has " + n + " etcd nodes: an even count adds no fault tolerance",
                "use " + (n - 1) + " or " + (n + 1) + " etcd nodes"));
      }
    }
    return out;
  }
}
