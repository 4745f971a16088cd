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
 * Drains the Slurm workers a plan removes from the configuration before any step of the apply
 * runs: slurm.conf is rewritten and slurmctld restarted on the other nodes, and the node's own
 * steps destroyed, only once no job runs there. Each is drained on the node itself (reached at the
 * endpoint its state recorded) and never resumed; its jobs are waited for, never cancelled.
 */
final class RemovalDrains {
  private RemovalDrains() {}

  /**
   * The drain of each removed Slurm worker among {@code hosts}, by host: done, or failed saying
   * why (then the apply changes nothing). A node Slurm does not know has nothing to drain.
   */
  static Map<String, StepOutcome> run(Transport transport, Map<String, HostEndpoint> endpoints, Drains drains, Set<String> hosts) {
    var out = new TreeMap<String, StepOutcome>();
    for (String host : hosts) {
      if (!drains.removing().contains(host) || !drains.slurmNodes().contains(host)) continue;
      var at = Scope.node(host).resource("drain");
      HostEndpoint endpoint = endpoints.get(host);
      if (endpoint == null) {
        out.put(host, new StepOutcome.Failed(at, "no address recorded for removed node " + host + ", so it cannot be drained first"));
        continue;
      }
      try (HostSession session = transport.session(endpoint)) {
        var slurm = new SlurmDrain(host, drains);
        if (!slurm.known(session)) {
          out.put(host, new StepOutcome.Done(at));
          continue;
        }
        Optional<String> failed = slurm.drain(session, "labc apply: node " + host + " removed from the configuration");
        out.put(host, failed.<StepOutcome>map(why -> new StepOutcome.Failed(at, why)).orElse(new StepOutcome.Done(at)));
      } catch (TransportException e) {
        out.put(host, new StepOutcome.Failed(at, "could not reach removed node " + host + " to drain it first: " + e.getMessage().lines().findFirst().orElse("")
            + "; if the machine is gone, forget its resources with `labc state rm`"));
      }
    }
    return out;
  }

  /** When a drain failed: every step of the apply not run, beside the drains' outcomes; else empty. */
  static Optional<ApplyReport> refused(Map<String, StepOutcome> drained, Map<String, List<Change>> byHost, Map<String, List<Change>> byCluster,
                                        Map<String, List<StepOutcome>> outcomes) {
    var failed = drained.entrySet().stream().filter(e -> e.getValue() instanceof StepOutcome.Failed).map(Map.Entry::getKey).toList();
    if (failed.isEmpty()) return Optional.empty();
    String why = "not run: removed node" + (failed.size() == 1 ? " " : "s ") + String.join(", ", failed) + " could not be drained first";
    var out = new TreeMap<String, List<StepOutcome>>(outcomes);
    drained.forEach((host, o) -> out.computeIfAbsent(host, k -> new ArrayList<>()).add(o));
    byHost.forEach((host, changes) -> changes.forEach(c -> out.computeIfAbsent(host, k -> new ArrayList<>()).add(new StepOutcome.Skipped(c.addr(), why))));
    byCluster.forEach((cluster, changes) -> changes.forEach(c -> out.computeIfAbsent("cluster." + cluster, k -> new ArrayList<>()).add(new StepOutcome.Skipped(c.addr(), why))));
    return Optional.of(new ApplyReport(out));
  }
}
