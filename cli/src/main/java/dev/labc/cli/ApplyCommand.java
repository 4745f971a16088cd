package dev.labc.cli;

import dev.labc.eval.Value;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraph;
import dev.labc.plan.Change;
import dev.labc.plan.Need;
import dev.labc.plan.Plan;
import dev.labc.plan.PlanCodec;
import dev.labc.plan.PlanRenderer;
import dev.labc.runtime.apply.ApplyEngine;
import dev.labc.runtime.apply.ApplyReport;
import dev.labc.runtime.apply.ApplySession;
import dev.labc.runtime.kube.ClusterRun;
import dev.labc.shell.SecretResolver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code labc apply PLAN|FILE}: applies exactly a saved plan (refused when stale), or plans the
 * .lab afresh and applies that after approval. Holds the state lock throughout; every completed
 * batch of steps is committed to the git state as it finishes.
 */
@Command(name = "apply", description = "Apply a saved plan (labc plan -out), or plan FILE.lab and apply it.")
final class ApplyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN|FILE", description = "a saved plan, or the cluster's .lab file")
  Path input;

  @Option(names = "--auto-approve", description = "Apply a fresh plan without asking.")
  boolean autoApprove;

  @Option(names = "--parallelism", defaultValue = "32", description = "Hosts applied at once (default 32).")
  int parallelism;

  @Mixin
  SelectionOptions select;

  @Option(names = "--skip-needs", paramLabel = "NEED", split = ",",
      description = "Leave steps that need network, gpu or kernel (see `labc plan`'s `(needs ...)`), and what depends on them, for a later apply.")
  List<String> skipNeeds;

  @Option(names = "--serial", paramLabel = "N",
      description = "Rolling apply: nodes with a disruptive step (`(needs reboot)`, `(disrupts jobs)` in the plan) N at a time, stopping at the first failed batch; wins over `rollout { batch }`. A saved plan keeps the batch size it was planned with.")
  Integer serial;

  @Option(names = "--reboot-timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "How long to wait for a rebooted node's SSH to answer from its new boot (default: ${DEFAULT-VALUE}).")
  int rebootTimeout;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "3600",
      description = "How long to wait for a drained node's Slurm jobs to end, or its pods to be evicted, before giving up on it, resumed and unchanged (default: ${DEFAULT-VALUE}).")
  int drainTimeout;

  @Option(names = "--step-timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Time limit of one host's batch of steps.")
  int stepTimeout;

  @Mixin
  VarOptions vars;

  @Mixin
  SshFlags ssh;

  @Option(names = "--force-conflicts", description = "Take ownership of Kubernetes fields another field manager owns (server-side apply).")
  boolean forceConflicts;

  @Option(names = "--kube-requests-per-second", defaultValue = "50", paramLabel = "N",
      description = "Request budget per cluster for the Kubernetes API (default: ${DEFAULT-VALUE}).")
  double kubeRequestsPerSecond;

  @Override
  public Integer call() throws Exception {
    return new Run().call();
  }

  /**
   * The apply itself, apart from the options: picocli reflects over the command class, and the JVM
   * links it, on every labc start, even for --help; the runtime types (JGit, SSH, Kubernetes) used
   * here are loaded only when this class is, when apply runs.
   */
  private final class Run {
    private final java.util.EnumSet<Need> needs = java.util.EnumSet.noneOf(Need.class);

    int call() throws Exception {
      for (String n : skipNeeds == null ? List.<String>of() : skipNeeds) {
        var need = Need.parse(n.strip());
        if (need.isEmpty()) {
          System.err.println("error: --skip-needs " + n + ": not a need; the needs are " + Need.words());
          return ExitCode.USAGE;
        }
        needs.add(need.get());
      }
      if (serial != null && serial < 1) {
        System.err.println("error: --serial " + serial + ": give the number of nodes per batch, 1 or more");
        return ExitCode.USAGE;
      }
      boolean saved = !input.toString().endsWith(".lab");
      Plan savedPlan = null;
      Path labFile = input;
      if (saved) {
        if (!Files.isReadable(input)) {
          System.err.println("error: cannot read the plan " + input + "; make one with `labc plan FILE.lab -out " + input + "`");
          return ExitCode.ERRORS;
        }
        try {
          savedPlan = PlanCodec.decode(Files.readString(input, StandardCharsets.UTF_8), input.toString());
        } catch (PlanCodec.PlanFileException e) {
          System.err.println("error: " + e.getMessage());
          if (e.hint != null) System.err.println("  hint: " + e.hint);
          return ExitCode.ERRORS;
        } catch (RuntimeException e) {
          System.err.println("error: " + input + " is not a labc plan: " + e.getMessage());
          return ExitCode.ERRORS;
        }
        labFile = Path.of(savedPlan.source());
        // The plan names its .lab relative to where it was made; most often that is beside the plan.
        Path besidePlan = input.toAbsolutePath().getParent().resolve(savedPlan.source());
        if (!Files.exists(labFile) && Files.exists(besidePlan)) labFile = besidePlan;
      }
      // A fresh plan refreshes like `labc plan`; a saved plan is compared with an unrefreshed one,
      // whose state serial and inputs digest are what staleness is about.
      if (saved && !savedPlan.inputs().isEmpty() && vars.vars.isEmpty() && vars.varFiles.isEmpty()
          && select.targets.isEmpty() && select.excludes.isEmpty()) {
        // The plan records the flags it was made with: `labc apply PLAN` needs none of them again.
        recordedFlags(new PlanInputs(savedPlan.inputs()), labFile);
      }
      try (var transport = new LazyTransport(ssh)) {
        return apply(saved, savedPlan, labFile, transport);
      } catch (IllegalArgumentException e) {
        System.err.println("error: " + e.getMessage());
        return ExitCode.ERRORS;
      }
    }

    /** Sets --var, --var-file, --target and --exclude to what the saved plan recorded. */
    private void recordedFlags(PlanInputs recorded, Path labFile) {
      var flags = recorded.flags(labFile.toAbsolutePath().normalize().getParent());
      vars.vars.addAll(flags.vars());
      vars.varFiles.addAll(flags.varFiles());
      select.targets.addAll(flags.targets());
      select.excludes.addAll(flags.excludes());
    }

    private int apply(boolean saved, Plan savedPlan, Path labFile, LazyTransport transport) throws Exception {
      // Nothing is dialled for a saved plan until it is known not to be stale.
      var planned = Planning.plan(labFile, vars, select, saved ? null : transport);
      if (planned.isEmpty()) return ExitCode.ERRORS;
      var p = planned.get();
      Plan plan = p.plan();
      // Hosts the refresh could not ask: the others are still applied (a down node must not hold up
      // a cluster), but the run exits 1 and never says there was nothing to do.
      var unrefreshed = p.unrefreshed();
      if (saved) {
        var stale = ApplySession.staleness(savedPlan, plan);
        if (stale.isPresent()) {
          System.err.println("error: stale plan " + input + ": " + stale.get());
          System.err.println("  hint: run `labc plan " + savedPlan.source() + " -out " + input + "` again, review it, then apply it");
          return ExitCode.ERRORS;
        }
        // A plan since format "5" keeps the batches it was reviewed with; an older one rolls as --serial or rollout { } say now.
        boolean recordsBatches = savedPlan.formatVersion().equals(Plan.FORMAT_VERSION);
        int recorded = savedPlan.disruptions().batchSize();
        if (recordsBatches && serial != null && serial != recorded) {
          System.err.println("error: --serial " + serial + ": " + input + " was planned " + (recorded == 0 ? "without a rolling apply" : "to roll " + recorded + " node" + (recorded == 1 ? "" : "s") + " at a time")
              + ", and a saved plan is applied as it was reviewed");
          System.err.println("  hint: leave --serial out, or run `labc plan " + savedPlan.source() + " --serial " + serial + " -out " + input + "` again, review it, then apply it");
          return ExitCode.USAGE;
        }
        plan = recordsBatches ? savedPlan : RolloutSetting.withDisruptions(savedPlan, serial, p.program());
        System.out.print(plan.disruptions().text(plan.changes()));
      } else {
        plan = RolloutSetting.withDisruptions(plan, serial, p.program());
        if (plan.hasChanges() || unrefreshed.isEmpty()) System.out.print(new PlanRenderer(Terminal.colorStdout()).text(plan));
        Planning.reportRestoring(p.restoring(), System.out);
        if (plan.hasChanges() && !autoApprove && !approved()) {
          System.err.println("Apply cancelled.");
          return ExitCode.ERRORS;
        }
      }
      if (!plan.hasChanges()) {
        if (!unrefreshed.isEmpty()) {
          Planning.reportUnrefreshed(unrefreshed, System.out);
          return ExitCode.ERRORS;
        }
        System.out.println("Nothing to apply.");
        return ExitCode.OK;
      }
      // --target and --exclude already shaped the plan (Planning): what is left is what they select.
      var options = ApplyEngine.Options.defaults().withSkipNeeds(needs).withParallelism(parallelism)
          .withStepTimeout(Duration.ofSeconds(stepTimeout)).withSerial(plan.disruptions().batchSize())
          .withReboots(RolloutSetting.reboots(p.program(), rebootTimeout));
      ResourceGraph graph = p.graph();
      Plan reviewed = plan;
      var session = new ApplySession(p.store(), p.prior());
      var outcome = session.apply(reviewed, recorder -> {
        var progress = ProgressDisplay.forStderr();
        var clusters = KubeAccess.clusters(p.program(), labFile, transport, forceConflicts, kubeRequestsPerSecond);
        var withDrains = options.withDrains(RolloutSetting.drains(p.program(), reviewed, clusters, drainTimeout, 2));
        var engine = new ApplyEngine(transport, withDrains, recorder, change -> secretsFor(graph, change), progress,
            ClusterRun.over(clusters));
        var endpoints = NodeEndpoints.of(p.program(), p.prior().state());
        transport.restrictTo(endpoints.values());
        ApplyReport applied = engine.apply(reviewed, endpoints);
        progress.finish();
        return applied;
      });
      ApplyReport report;
      switch (outcome) {
        case ApplySession.Outcome.Refused r -> {
          System.err.println("error: " + r.message());
          if (r.hint() != null) System.err.println("  hint: " + r.hint());
          return ExitCode.ERRORS;
        }
        case ApplySession.Outcome.Applied a -> report = a.report();
      }
      System.out.print(report.render());
      if (!unrefreshed.isEmpty()) Planning.reportUnrefreshed(unrefreshed, System.out);
      return report.ok() && unrefreshed.isEmpty() ? ExitCode.OK : ExitCode.ERRORS;
    }

    /** Secret attributes' values, taken from the evaluated configuration at apply time only. */
    private static SecretResolver secretsFor(ResourceGraph graph, Change change) {
      return new SecretResolver() {
        @Override public String resolve(String name) {
          Value.Secret s = secret(graph, change, name);
          if (s.value() == null) throw new IllegalStateException("secret " + name + " of " + change.addr() + " has no value (" + s.source() + " is not set)");
          return s.value();
        }

        @Override public List<String> madeFrom(String name) {
          return secret(graph, change, name).parts();
        }
      };
    }

    private static Value.Secret secret(ResourceGraph graph, Change change, String name) {
      Resource r = graph.resources().get(change.addr());
      if (r == null) throw new IllegalStateException("no secrets known for " + change.addr());
      Value v = r.attributes().get(name);
      int dot = name.indexOf('.');
      if (v == null && dot > 0 && r.attributes().get(name.substring(0, dot)) instanceof Value.Obj o) v = o.fields().get(name.substring(dot + 1));
      if (v instanceof Value.Secret s) return s;
      throw new IllegalStateException(change.addr() + " has no secret " + name);
    }

    private static boolean approved() throws Exception {
      if (System.console() == null) {
        System.err.println("error: not on a terminal; pass --auto-approve, or save the plan with -out and apply that file");
        return false;
      }
      System.out.print("Apply these changes? Only 'yes' is accepted: ");
      System.out.flush();
      String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return "yes".equals(answer == null ? "" : answer.strip());
    }
  }
}
