package dev.labc.runtime.apply;

import dev.labc.addr.Scope;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.HostSession;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import dev.labc.plan.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drains the Slurm workers and Kubernetes members a plan removes from the configuration before any
 * step of the apply runs: slurm.conf is rewritten and slurmctld restarted on the other nodes, and
 * the node's own steps destroyed, only once no job or pod runs there. Slurm's drain runs on the
 * node itself (reached at the endpoint its state recorded), Kubernetes' through the cluster's API;
 * neither is undone, and jobs are waited for, never cancelled.
 */
final class RemovalDrains {
  private RemovalDrains() {}

  /**
   * The drains of each removed Slurm worker and Kubernetes member among {@code hosts}, by host:
   * done, or failed saying why (then the apply changes nothing). Kubernetes first, as before any
   * disruptive step; a node Slurm does not know has nothing to drain there.
   */
  static Map<String, List<StepOutcome>> run(Transport transport, Map<String, HostEndpoint> endpoints, Drains drains, Set<String> hosts) {
    var out = new TreeMap<String, List<StepOutcome>>();
    for (String host : hosts) {
      if (!drains.removing().contains(host)) continue;
      var done = new ArrayList<StepOutcome>();
      Drains.KubeNode cordoned = drains.kubeNodes().get(host);
      if (cordoned != null) {
        var at = Scope.node(host).resource("cordon");
        Optional<String> failed = drains.kube().drain(cordoned);
        done.add(failed.<StepOutcome>map(why -> new StepOutcome.Failed(at, why)).orElse(new StepOutcome.Done(at)));
        if (failed.isPresent()) {
          out.put(host, done);
          continue;
        }
      }
      if (drains.slurmNodes().contains(host)) {
        StepOutcome slurm = slurm(transport, endpoints.get(host), host, drains);
        done.add(slurm);
        // Nothing is changed then: the node goes back to Kubernetes too.
        if (slurm instanceof StepOutcome.Failed && cordoned != null) drains.kube().uncordon(cordoned);
      }
      if (!done.isEmpty()) out.put(host, done);
    }
    return out;
  }

  private static StepOutcome slurm(Transport transport, HostEndpoint endpoint, String host, Drains drains) {
    var at = Scope.node(host).resource("drain");
    if (endpoint == null) return new StepOutcome.Failed(at, "no address recorded for removed node " + host + ", so it cannot be drained first");
    try (HostSession session = transport.session(endpoint)) {
      var slurm = new SlurmDrain(host, drains);
      if (!slurm.known(session)) return new StepOutcome.Done(at);
      Optional<String> failed = slurm.drain(session, "labc apply: node " + host + " removed from the configuration");
      return failed.<StepOutcome>map(why -> new StepOutcome.Failed(at, why)).orElse(new StepOutcome.Done(at));
    } catch (TransportException e) {
      return new StepOutcome.Failed(at, "could not reach removed node " + host + " to drain it first: " + e.getMessage().lines().findFirst().orElse("")
          + "; if the machine is gone, forget its resources with `labc state rm`");
    }
  }

  /** When a drain failed: every step of the apply not run, beside the drains' outcomes; else empty. */
  static Optional<ApplyReport> refused(Map<String, List<StepOutcome>> drained, Map<String, List<Change>> byHost, Map<String, List<Change>> byCluster,
                                        Map<String, List<StepOutcome>> outcomes) {
    var failed = drained.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(StepOutcome.Failed.class::isInstance)).map(Map.Entry::getKey).toList();
    if (failed.isEmpty()) return Optional.empty();
    String why = "not run: removed node" + (failed.size() == 1 ? " " : "s ") + String.join(", ", failed) + " could not be drained first";
    var out = new TreeMap<String, List<StepOutcome>>(outcomes);
    drained.forEach((host, o) -> out.computeIfAbsent(host, k -> new ArrayList<>()).addAll(o));
    byHost.forEach((host, changes) -> changes.forEach(c -> out.computeIfAbsent(host, k -> new ArrayList<>()).add(new StepOutcome.Skipped(c.addr(), why))));
    byCluster.forEach((cluster, changes) -> changes.forEach(c -> out.computeIfAbsent("cluster." + cluster, k -> new ArrayList<>()).add(new StepOutcome.Skipped(c.addr(), why))));
    return Optional.of(new ApplyReport(out));
  }
}
