package dev.labc.cli;

import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.runtime.kube.KubeApplier;
import dev.labc.runtime.kube.KubeClusters;
import dev.labc.runtime.kube.KubeconfigSource;
import dev.labc.runtime.transport.DialAllowList;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Where each declared cluster's API is: a given kubeconfig, or the distribution's own on its first server. */
final class KubeAccess {
  private KubeAccess() {}

  static KubeClusters clusters(Program program, Path labFile, Transport transport, boolean forceConflicts, double requestsPerSecond) {
    var sources = new TreeMap<String, KubeconfigSource>();
    Map<String, HostEndpoint> endpoints = NodeEndpoints.of(program);
    Path dir = labFile.toAbsolutePath().getParent();
    for (Entity c : program.ofKind("cluster")) {
      if (c.get("kubeconfig") instanceof Value.Str f) {
        if (f.value().indexOf('\0') >= 0) continue; // no such file; opening the cluster says so
        sources.put(c.name(), new KubeconfigSource.GivenFile(dir.resolve(f.value()).normalize(),
            c.get("context") instanceof Value.Str ctx ? ctx.value() : null));
        continue;
      }
      var servers = Values.refs(c.get("servers"));
      if (servers.isEmpty()) continue;
      Entity first = program.entity("node", servers.get(0).name());
      sources.put(c.name(), new KubeconfigSource.FromServer(Values.text(c.get("distribution")), endpoints.get(first.name()),
          Values.text(first.get("address"))));
    }
    // Tests poll a mock API server quickly; real clusters are polled every 2 s.
    long pollMs = Long.getLong("labc.kube.poll.ms", 2000);
    return new KubeClusters(sources, transport, new KubeApplier.Options(forceConflicts, Duration.ofMillis(pollMs)),
        requestsPerSecond, DialAllowList.fromEnvironment());
  }
}
