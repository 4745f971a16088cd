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
import dev.labc.runtime.apply.DriftCheck;
import dev.labc.runtime.transport.Transport;
import dev.labc.check.FactChecks;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.render.HumanDiagnosticRenderer;
import dev.labc.syntax.SyntaxTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
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
    boolean exists = prior.ref().commitId().isPresent();
    Set<ResourceAddr> drifted = Set.of();
    if (refresh != null && !prior.state().isEmpty()) {
      var found = DriftCheck.run(prior.state(), NodeEndpoints.of(checked.evaluation().program(), prior.state()), refresh, Duration.ofSeconds(60),
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
        new Planner.Inputs(displayPath(file), inputsDigest(file, checked.evaluation().modules(), vars), Main.VERSION, exists),
        drifted);
    return Optional.of(new Planned(checked.evaluation().program(), graph, store, prior, plan));
  }

  /** The .lab path as plans show it: relative to the working directory, else its file name, never a machine's absolute path. */
  static String displayPath(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.getFileName().toString();
  }

  /** sha-256 over every module's path and text and the --var values: a saved plan refuses to apply if any changed. */
  static String inputsDigest(Path mainFile, List<SyntaxTree> modules, VarOptions vars) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    Map<String, String> sorted = new TreeMap<>();
    // Paths relative to the main file's directory: the same checkout planned from another working
    // directory, or moved, must give the same digest.
    Path base = mainFile.toAbsolutePath().normalize().getParent();
    for (SyntaxTree t : modules) {
      Path p = Path.of(t.file().path());
      String key = p.isAbsolute() || Files.exists(p) ? base.relativize(p.toAbsolutePath().normalize()).toString() : t.file().path();
      sorted.put(key, t.file().text());
    }
    for (var e : sorted.entrySet()) {
      md.update((e.getKey() + "\0" + e.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
    }
    for (String v : vars.vars.stream().sorted().toList()) md.update(("var\0" + v + "\0").getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }
}
