package dev.labc.cli;

import dev.labc.eval.Program;
import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.plan.Plan;
import dev.labc.planner.Planner;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.runtime.state.StateSnapshot;
import dev.labc.runtime.state.StateStoreException;
import dev.labc.state.file.StateFileException;
import dev.labc.addr.ResourceAddr;
import dev.labc.runtime.apply.DriftCheck;
import dev.labc.runtime.transport.Transport;
import dev.labc.check.FactChecks;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Set;
import java.util.Optional;

/** The steps plan and apply share: check the .lab, build the resource graph, read state, plan. */
final class Planning {
  record Planned(Program program, ResourceGraph graph, GitStateStore store, StateSnapshot prior, Plan plan) {}

  private Planning() {}

  /** Empty after printing the reason (diagnostics, a cycle, unreadable state) to stderr. */
  static Optional<Planned> plan(Path file, VarOptions vars) throws Exception {
    return plan(file, vars, null);
  }

  /**
   * With {@code refresh} given (the run's one transport), hosts that state records resources on are asked first whether those
   * still hold (drift); a first plan has nothing recorded and so contacts no host.
   */
  static Optional<Planned> plan(Path file, VarOptions vars, Transport refresh) throws Exception {
    var result = Pipeline.checkFile(file, vars.options());
    if (result.isEmpty()) return Optional.empty();
    var checked = result.get();
    ResourceGraph graph = ResourceGraphBuilder.build(checked.evaluation().program());
    var cycle = graph.findCycle();
    if (cycle.isPresent()) {
      System.err.println("error: resources depend on each other in a cycle: "
          + String.join(" -> ", cycle.get().stream().map(Object::toString).toList()));
      return Optional.empty();
    }
    GitStateStore store = StateLocation.of(file);
    StateSnapshot prior;
    try {
      prior = store.read();
    } catch (StateStoreException e) {
      System.err.println("error: " + e.getMessage());
      if (e.hint() != null) System.err.println("  hint: " + e.hint());
      return Optional.empty();
    } catch (StateFileException e) {
      System.err.println("error: " + e.getMessage());
      if (e.hint() != null) System.err.println("  hint: " + e.hint());
      return Optional.empty();
    }
    boolean exists = prior.ref().commitId().isPresent();
    Set<ResourceAddr> drifted = Set.of();
    if (refresh != null && !prior.state().isEmpty()) {
      var found = DriftCheck.run(prior.state(), SshFlags.endpoints(checked.evaluation().program(), prior.state()), refresh, Duration.ofSeconds(60),
          List.of(FactChecks.MUNGE_KEY));
      found.unreachable().forEach((host, why) -> System.err.println("warning: " + why + "; planned from recorded state alone"));
      drifted = new java.util.TreeSet<>(found.drifted());
      var clusters = KubeAccess.clusters(checked.evaluation().program(), file, refresh, false, dev.labc.runtime.kube.RequestBudget.DEFAULT_PER_SECOND);
      var clients = new java.util.ArrayList<AutoCloseable>();
      try {
        var kube = dev.labc.runtime.kube.KubeDrift.run(prior.state(), name -> {
          var client = clusters.client(name);
          clients.add(client);
          return new dev.labc.runtime.kube.KubeApplier(client, dev.labc.runtime.kube.KubeApplier.Options.defaults());
        });
        kube.unreachable().forEach((c, why) -> System.err.println("warning: " + why + "; planned from recorded state alone"));
        drifted.addAll(kube.drifted());
      } finally {
        for (AutoCloseable c : clients) c.close();
      }
      // Checks only the hosts' facts can answer: a cloned machine-id, a UID taken on one node, a missing GPU.
      var factDiagnostics = new java.util.ArrayList<>(FactChecks.run(checked.evaluation().program(), found.facts()));
      if (!factDiagnostics.isEmpty()) {
        factDiagnostics.sort(Diagnostic.ORDER);
        System.err.print(new HumanDiagnosticRenderer(Terminal.colorStderr()).render(factDiagnostics));
        if (factDiagnostics.stream().anyMatch(Diagnostic::isError)) return Optional.empty();
      }
    }
    Plan plan = Planner.plan(graph, prior.state(), SecretKey.load(file),
        new Planner.Inputs(PlanCommand.displayPath(file), PlanCommand.inputsDigest(file, checked.evaluation().modules(), vars), Main.VERSION, exists),
        drifted);
    return Optional.of(new Planned(checked.evaluation().program(), graph, store, prior, plan));
  }
}
