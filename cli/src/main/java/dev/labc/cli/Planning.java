package dev.labc.cli;

import dev.labc.eval.Program;
import dev.labc.graph.ResourceGraph;
import dev.labc.plan.Plan;
import dev.labc.planner.Planner;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.runtime.state.StateSnapshot;
import dev.labc.runtime.state.StateStoreException;
import dev.labc.state.file.StateFileException;
import dev.labc.addr.ResourceAddr;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.runtime.kube.RequestBudget;
import dev.labc.runtime.plan.PlanSession;
import dev.labc.runtime.transport.HostEndpoint;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.Optional;

/**
 * The steps plan and apply share: check the .lab, read state, resolve --target/--exclude, then the
 * runtime's {@link PlanSession} (refresh, fact checks, plan); this class only renders what it returns.
 */
final class Planning {
  /**
   * @param unrefreshed hosts (and clusters, as {@code cluster.NAME}) the refresh could not ask, each
   *     with its reason: the configuration was not compared with them, so the plan is no proof of
   *     "no changes" and plan and apply exit 1
   * @param restoring the plan's deletes of files and lines whose originals the refresh found kept on
   *     the host: removing them restores the original rather than destroying the path
   */
  record Planned(Program program, ResourceGraph graph, GitStateStore store, StateSnapshot prior, Plan plan,
                 PlanInputs inputs, HostSelection selection, java.util.SortedMap<String, String> unrefreshed,
                 java.util.SortedSet<ResourceAddr> restoring) {}

  private Planning() {}

  /** Empty after printing the reason (diagnostics, a cycle, unreadable state) to stderr. */
  static Optional<Planned> plan(Path file, VarOptions vars) throws Exception {
    return plan(file, vars, null, null);
  }

  /**
   * With {@code refresh} given (the run's one transport, then restricted to the nodes of the
   * configuration and state), hosts that state records resources on are asked first whether those
   * still hold (drift); a first plan has nothing recorded and so contacts no host. {@code select}
   * (--target, --exclude) is checked against the configuration and state before any host is asked.
   */
  static Optional<Planned> plan(Path file, VarOptions vars, SelectionOptions select, LazyTransport refresh) throws Exception {
    // Secrets are needed at plan time: an unset one would otherwise fail an apply halfway.
    var result = Pipeline.checkFile(file, vars.options(), true);
    if (result.isEmpty()) return Optional.empty();
    var checked = result.get();
    Program program = checked.evaluation().program();
    ResourceGraph graph = checked.graph(); // checked: no conflict, no cycle
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
    var endpoints = NodeEndpoints.of(program, prior.state());
    if (refresh != null) refresh.restrictTo(endpoints.values());
    var addrs = new java.util.HashSet<ResourceAddr>(graph.resources().keySet());
    addrs.addAll(prior.state().resources().keySet());
    HostSelection selection;
    switch (HostSelection.resolve(select, endpoints.keySet(), addrs)) {
      case HostSelection.Resolved.Refused r -> {
        r.errors().forEach(System.err::println);
        return Optional.empty();
      }
      case HostSelection.Resolved.Ok ok -> selection = ok.selection();
    }
    boolean exists = prior.ref().commitId().isPresent();
    var refreshed = PlanSession.Refreshed.NONE;
    if (refresh != null) {
      var asked = new TreeMap<String, HostEndpoint>();
      endpoints.forEach((name, endpoint) -> { if (selection.reaches(name)) asked.put(name, endpoint); });
      refreshed = PlanSession.refresh(program, graph, prior.state(), asked, refresh,
          () -> KubeAccess.clusters(program, file, refresh, false, RequestBudget.DEFAULT_PER_SECOND));
    }
    // The reasons start with the host's name ("gpu-1: connection refused").
    refreshed.unrefreshed().forEach((host, why) -> System.err.println("error: not refreshed: " + why));
    if (!refreshed.diagnostics().isEmpty()) {
      System.err.print(new HumanDiagnosticRenderer(Terminal.colorStderr()).render(refreshed.diagnostics()));
      if (refreshed.refused()) return Optional.empty();
    }
    var hasher = SecretKey.load(file);
    PlanInputs inputs = PlanInputs.of(file, program, checked.evaluation().modules(), vars, selection, hasher);
    var planned = PlanSession.plan(graph, prior.state(), hasher,
        new Planner.Inputs(displayPath(file), inputs.digest(), Main.VERSION, exists), inputs.entries(), refreshed, selection::restrict);
    return Optional.of(new Planned(program, graph, store, prior, planned.plan(), inputs, selection, refreshed.unrefreshed(), planned.restoring()));
  }

  /** After the plan: the deletes that put back what labc replaced, so nobody reads them as losing the file. */
  static void reportRestoring(java.util.SortedSet<ResourceAddr> restoring, java.io.PrintStream out) {
    if (restoring.isEmpty()) return;
    out.println("Of the resources to destroy, " + restoring.size() + (restoring.size() == 1 ? " puts" : " put")
        + " back what labc replaced (kept on the host when labc first wrote it):");
    restoring.forEach(a -> out.println("  " + a + " restores the original"));
  }

  /**
   * Says, on stdout after the plan, that it could not be compared with some hosts, naming them;
   * the caller exits 1. Never "No changes": the hosts that did not answer may have drifted.
   */
  static void reportUnrefreshed(java.util.SortedMap<String, String> unrefreshed, java.io.PrintStream out) {
    out.println("Not compared: the configuration could not be compared on " + unrefreshed.size()
        + (unrefreshed.size() == 1 ? " host" : " hosts") + " (" + String.join(", ", unrefreshed.keySet())
        + "); this plan holds only what state records for them.");
    System.err.println("  hint: make them reachable and plan again; leave them out with --exclude NAME, or plan from state alone with --refresh=false");
  }

  /** The .lab path as plans show it: relative to the working directory, else its file name, never a machine's absolute path. */
  static String displayPath(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.getFileName().toString();
  }
}
