package dev.labc.runtime.apply;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.ScopeKind;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.plan.Need;
import dev.labc.plan.Disruption;
import dev.labc.plan.Plan;
import dev.labc.plan.HostStep;
import dev.labc.plan.Rollout;
import dev.labc.runtime.resources.HostResource;
import dev.labc.runtime.resources.PackageResource;
import dev.labc.runtime.transport.ExecResult;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.HostSession;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import dev.labc.shell.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a plan's host changes: steps in dependency order within a host, hosts in parallel, a
 * host's consecutive steps sent as one script over its one connection (split only where a step
 * waits for another host), each step's precondition checked first in one batched round trip, and
 * every completed batch recorded in state before the next starts, so a killed apply leaves state
 * true to what was done.
 */
public final class ApplyEngine {
    /**
     * {@code skipNeeds}: steps needing any of these ({@link Need}), and what depends on them, are
     * skipped like an excluded host's: reported, not recorded, so they stay planned for a later apply.
     */
    public record Options(int parallelism, Set<String> exclude, Set<ResourceAddr> targets, Duration stepTimeout,
                          int retries, Duration backoff, Set<Need> skipNeeds, int serial, Reboots reboots, Drains drains) {
        public static Options defaults() {
            return new Options(32, Set.of(), Set.of(), Duration.ofMinutes(10), 2, Duration.ofMillis(500), Set.of(), 0, Reboots.DEFAULT, Drains.NONE);
        }

        /** Which nodes are drained in their workload manager before their disruptive steps. */
        public Options withDrains(Drains d) {
            return new Options(parallelism, exclude, targets, stepTimeout, retries, backoff, skipNeeds, serial, reboots, d);
        }

        /** How nodes are rebooted after steps that need it, and how long apply waits for them. */
        public Options withReboots(Reboots r) {
            return new Options(parallelism, exclude, targets, stepTimeout, retries, backoff, skipNeeds, serial, r, drains);
        }

        /** A rolling apply: nodes with a disruptive step {@code n} at a time ({@link Rollout}); 0 for all at once. */
        public Options withSerial(int n) {
            return new Options(parallelism, exclude, targets, stepTimeout, retries, backoff, skipNeeds, Math.max(0, n), reboots, drains);
        }

        public Options withExclude(Set<String> hosts) {
            return new Options(parallelism, hosts, targets, stepTimeout, retries, backoff, skipNeeds, serial, reboots, drains);
        }

        public Options withTargets(Set<ResourceAddr> addrs) {
            return new Options(parallelism, exclude, addrs, stepTimeout, retries, backoff, skipNeeds, serial, reboots, drains);
        }

        public Options withParallelism(int n) {
            return new Options(Math.max(1, n), exclude, targets, stepTimeout, retries, backoff, skipNeeds, serial, reboots, drains);
        }

        public Options withStepTimeout(Duration t) {
            return new Options(parallelism, exclude, targets, t, retries, backoff, skipNeeds, serial, reboots, drains);
        }

        public Options withSkipNeeds(Set<Need> needs) {
            return new Options(parallelism, exclude, targets, stepTimeout, retries, backoff, Set.copyOf(needs), serial, reboots, drains);
        }
    }

    /** Records completed changes in state; called from host threads, one batch at a time. */
    @FunctionalInterface
    public interface StateRecorder {
        void completed(String host, List<Change> changes);

        /** Called before a batch runs, so a kill during it leaves the batch marked unsure in state. */
        default void starting(String host, List<Change> changes) {}
    }

    /** Resolves the secrets one change's scripts need; the values are used only inside the script. */
    @FunctionalInterface
    public interface Secrets {
        SecretResolver forChange(Change change);
    }

    /** Progress for the terminal: host, steps finished, steps in total, what runs now. */
    @FunctionalInterface
    public interface Progress {
        void update(String host, int finished, int total, String current);

        Progress NONE = (h, f, t, c) -> {};
    }

    private final Transport transport;
    private final Options options;
    private final StateRecorder recorder;
    private final Secrets secrets;
    private final Progress progress;
    private final ClusterTargets clusters;

    public ApplyEngine(Transport transport, Options options, StateRecorder recorder, Secrets secrets, Progress progress) {
        this(transport, options, recorder, secrets, progress, ClusterTargets.NONE);
    }

    public ApplyEngine(Transport transport, Options options, StateRecorder recorder, Secrets secrets, Progress progress,
                       ClusterTargets clusters) {
        this.transport = transport;
        this.options = options;
        this.recorder = recorder;
        this.secrets = secrets;
        this.progress = progress;
        this.clusters = clusters;
    }

    public ApplyReport apply(Plan plan, Map<String, HostEndpoint> endpoints) {
        var byHost = new TreeMap<String, List<Change>>();
        var byCluster = new TreeMap<String, List<Change>>();
        var outcomes = new TreeMap<String, List<StepOutcome>>();
        var finished = new ConcurrentHashMap<ResourceAddr, CompletableFuture<Boolean>>();
        var withheld = plan.withheld(options.skipNeeds());
        for (Change c : plan.changes()) {
            if (c.action() == Action.NO_OP) continue;
            if (!options.targets().isEmpty() && !options.targets().contains(c.addr())) continue;
            String scope = c.addr().scope().name();
            if (withheld.containsKey(c.addr())) {
                String key = c.addr().scope().kind() == ScopeKind.CLUSTER ? "cluster." + scope : scope;
                outcomes.computeIfAbsent(key, k -> new ArrayList<>()).add(StepOutcome.Skipped.asked(c.addr(), withheld.get(c.addr())));
                continue;
            }
            if (c.addr().scope().kind() == ScopeKind.CLUSTER) {
                byCluster.computeIfAbsent(scope, k -> new ArrayList<>()).add(c);
                finished.put(c.addr(), new CompletableFuture<>());
                continue;
            }
            if (options.exclude().contains(scope)) {
                outcomes.computeIfAbsent(scope, k -> new ArrayList<>()).add(StepOutcome.Skipped.asked(c.addr(), StepOutcome.Skipped.EXCLUDED));
                continue;
            }
            byHost.computeIfAbsent(scope, k -> new ArrayList<>()).add(c);
            finished.put(c.addr(), new CompletableFuture<>());
        }
        // Removed Slurm workers and Kubernetes members are drained before anything else changes; a failed drain changes nothing.
        var removalDrains = RemovalDrains.run(transport, endpoints, options.drains(), byHost.keySet());
        var refused = RemovalDrains.refused(removalDrains, byHost, byCluster, outcomes);
        if (refused.isPresent()) return refused.get();
        removalDrains.forEach((host, o) -> outcomes.computeIfAbsent(host, k -> new ArrayList<>()).addAll(o));
        var permits = new Semaphore(options.parallelism());
        var results = new ConcurrentHashMap<String, List<StepOutcome>>();
        // Batches of what this apply runs: hosts excluded or wholly withheld are in none.
        var gate = new RolloutGate(Rollout.of(byHost.values().stream().flatMap(List::stream).toList(), options.serial()));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            byHost.forEach((host, changes) -> threads.submit(() -> {
                var run = new HostRun(host, endpoints.get(host), changes, finished, permits);
                try {
                    String turnedAway = gate.awaitTurn(host);
                    results.put(host, turnedAway != null ? run.skipAll(turnedAway) : run.run());
                } catch (RuntimeException e) {
                    results.put(host, run.failRemaining("internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
                } finally {
                    changes.forEach(c -> finished.get(c.addr()).complete(false)); // no-op for those already completed
                    gate.finished(host, results.getOrDefault(host, List.of()).stream().allMatch(StepOutcome.Done.class::isInstance));
                }
            }));
            byCluster.forEach((cluster, changes) -> threads.submit(() -> {
                try {
                    results.put("cluster." + cluster, new ClusterRun(cluster, changes, finished).run());
                } finally {
                    changes.forEach(c -> finished.get(c.addr()).complete(false));
                }
            }));
        }
        results.forEach((host, list) -> outcomes.computeIfAbsent(host, k -> new ArrayList<>()).addAll(list));
        return new ApplyReport(outcomes);
    }

    /** One host's part of the apply. */
    private final class HostRun {
        private final String host;
        private final HostEndpoint endpoint;
        private final List<Change> changes;
        private final Map<ResourceAddr, CompletableFuture<Boolean>> finished;
        private final Semaphore permits;
        private final Map<ResourceAddr, StepOutcome> outcome = new LinkedHashMap<>();
        private HostSession session;
        private final List<StepOutcome> around = new ArrayList<>(); // the drain, reboot and resume around the steps
        // The secrets this host's scripts carried, kept out of what the report quotes: a daemon started in a
        // later script may print what an earlier one wrote (a service's journal quoting its config).
        private final List<String> carried = new ArrayList<>();
        private SlurmDrain drained; // set once the node is drained, so it is resumed after
        private Drains.KubeNode cordoned; // set once the node is cordoned and drained in Kubernetes, so it is uncordoned after

        HostRun(String host, HostEndpoint endpoint, List<Change> changes, Map<ResourceAddr, CompletableFuture<Boolean>> finished, Semaphore permits) {
            this.host = host;
            this.endpoint = endpoint;
            this.changes = changes;
            this.finished = finished;
            this.permits = permits;
        }

        List<StepOutcome> run() {
            // Addresses come from the configuration only: a node taken out of it cannot be reached.
            if (endpoint == null) return failRemaining("no address known for node " + host + ": it is no longer declared;"
                    + " remove its resources by applying while it is still declared, or forget them with `labc state rm` if the machine is gone");
            for (Change c : changes) {
                if (!HostStep.isHostType(c.type()))
                    return failRemaining(c.addr() + ": resource type " + c.type() + " cannot be applied on a host yet");
            }
            permits.acquireUninterruptibly();
            try {
                progress.update(host, 0, changes.size(), "connecting");
                session = withRetries(() -> transport.session(endpoint));
                int firstChanged = preconditions();
                if (!drainFirst()) return collect("the node could not be drained");
                int i = 0;
                while (i < changes.size() && outcome.size() < changes.size()) {
                    if (i == firstChanged) {
                        fail(changes.get(i), "changed on the host since the plan was made; run `labc plan` again");
                        break;
                    }
                    // The longest run of steps that waits for nothing on another host.
                    int end = i + 1;
                    while (end < changes.size() && end != firstChanged && !waitsElsewhere(changes.get(end))) end++;
                    if (!awaitOtherHosts(changes.get(i))) break;
                    if (!runBatch(changes.subList(i, end))) break;
                    i = end;
                }
                rebootIfPending();
                resumeIfDrained();
            } catch (TransportException e) {
                return failRemaining(oneLine(e.getMessage().replaceFirst("^" + Pattern.quote(host) + ": ", "")));
            } finally {
                permits.release();
            }
            return collect("an earlier step on this host did not complete");
        }

        /**
         * After every step completed: when one needing a reboot ran (this time, or in an apply killed
         * before its reboot), reboots the node and checks the new boot; a failure is the host's.
         */
        private void rebootIfPending() throws TransportException {
            if (changes.stream().anyMatch(c -> !(outcome.get(c.addr()) instanceof StepOutcome.Done))) return;
            if (changes.stream().noneMatch(c -> Disruption.of(c).equals(Optional.of(Disruption.REBOOT)))) return;
            if (!NodeReboot.pending(session)) return;
            progress.update(host, outcome.size(), changes.size(), "rebooting");
            var failed = new NodeReboot(transport, endpoint, options.reboots()).run(session, changes);
            ResourceAddr at = changes.getFirst().addr().scope().resource("reboot");
            around.add(failed.<StepOutcome>map(why -> new StepOutcome.Failed(at, why)).orElse(new StepOutcome.Done(at)));
            session = transport.session(endpoint); // the old connection went with the old boot
        }

        /** Drains the node in Slurm before its steps when one disrupts it; false when that failed (nothing was run). */
        private boolean drainFirst() throws TransportException {
            if (options.drains().removing().contains(host)) return true; // drained before the apply began (RemovalDrains), never resumed
            var disrupting = changes.stream().filter(c -> Disruption.of(c).isPresent()).findFirst();
            if (disrupting.isEmpty()) return true;
            var kubeNode = options.drains().kubeNodes().get(host);
            if (kubeNode != null) {
                progress.update(host, 0, changes.size(), "draining in Kubernetes");
                var failed = options.drains().kube().drain(kubeNode);
                ResourceAddr at = host(disrupting.get()).resource("cordon");
                if (failed.isPresent()) {
                    around.add(new StepOutcome.Failed(at, failed.get()));
                    return false;
                }
                around.add(new StepOutcome.Done(at));
                cordoned = kubeNode;
            }
            if (!options.drains().slurmNodes().contains(host)) return true;
            var slurm = new SlurmDrain(host, options.drains());
            if (!slurm.known(session)) return true; // Slurm does not run here yet: nothing to drain
            progress.update(host, 0, changes.size(), "draining in Slurm");
            var failed = slurm.drain(session, "labc apply: " + disrupting.get().addr());
            ResourceAddr at = host(disrupting.get()).resource("drain");
            if (failed.isPresent()) {
                around.add(new StepOutcome.Failed(at, failed.get()));
                // Nothing was changed: the node goes back to Kubernetes too.
                if (cordoned != null) options.drains().kube().uncordon(cordoned);
                cordoned = null;
                return false;
            }
            around.add(new StepOutcome.Done(at));
            drained = slurm;
            return true;
        }

        /** Resumes a drained node once every step (and its reboot) completed; else leaves it drained, and says so. */
        private void resumeIfDrained() throws TransportException {
            if (cordoned != null) {
                ResourceAddr at = host(changes.getFirst()).resource("uncordon");
                if (!allDone()) {
                    around.add(StepOutcome.Skipped.asked(at, "left cordoned in Kubernetes: not every step completed; an apply that completes them uncordons it,"
                            + " or `kubectl uncordon " + cordoned.name() + "` by hand"));
                } else {
                    var failed = options.drains().kube().uncordon(cordoned);
                    around.add(failed.<StepOutcome>map(why -> new StepOutcome.Failed(at, why)).orElse(new StepOutcome.Done(at)));
                }
            }
            if (drained == null) return;
            ResourceAddr at = host(changes.getFirst()).resource("resume");
            if (!allDone()) {
                around.add(StepOutcome.Skipped.asked(at, "left drained in Slurm: not every step completed; an apply that completes them resumes it,"
                        + " or `scontrol update nodename=" + host + " state=resume` by hand"));
                return;
            }
            var failed = drained.resume(session);
            around.add(failed.<StepOutcome>map(why -> new StepOutcome.Failed(at, why)).orElse(new StepOutcome.Done(at)));
        }

        private boolean allDone() {
            return changes.stream().allMatch(c -> outcome.get(c.addr()) instanceof StepOutcome.Done)
                    && around.stream().noneMatch(o -> o instanceof StepOutcome.Failed || o instanceof StepOutcome.Skipped);
        }

        private static dev.labc.addr.Scope host(Change c) {
            return c.addr().scope();
        }

        private boolean waitsElsewhere(Change c) {
            return c.dependsOn().stream().anyMatch(d -> finished.containsKey(d) && !d.scope().equals(c.addr().scope())
                    && !finished.get(d).isDone());
        }

        /** Waits (without holding a parallelism permit) for the step's dependencies on other hosts. */
        private boolean awaitOtherHosts(Change c) {
            var others = c.dependsOn().stream().filter(d -> finished.containsKey(d) && !d.scope().equals(c.addr().scope())).toList();
            if (others.isEmpty()) return true;
            permits.release();
            try {
                for (ResourceAddr d : others) {
                    if (!finished.get(d).join()) {
                        outcome.put(c.addr(), new StepOutcome.Skipped(c.addr(), "depends on " + d + ", which did not complete"));
                        return false;
                    }
                }
                return true;
            } finally {
                permits.acquireUninterruptibly();
            }
        }

        /**
         * When step {@code k} starts a run of two or more packages to install plainly, the one
         * apt-get that installs them all (see {@link PackageResource#installTogether}); else null.
         */
        private static String packagesFrom(List<Change> batch, int k) {
            if (!plainPackage(batch.get(k)) || (k > 0 && plainPackage(batch.get(k - 1)))) return null;
            var names = new ArrayList<String>();
            for (int i = k; i < batch.size() && plainPackage(batch.get(i)); i++) {
                if (HostStep.decode("package", batch.get(i).addr(), batch.get(i).after()) instanceof HostStep.Package p) names.add(p.name());
            }
            return names.size() < 2 ? null : PackageResource.installTogether(names);
        }

        private static boolean plainPackage(Change c) {
            return c.action() != Action.DELETE && c.type().equals("package")
                    && HostStep.decode(c.type(), c.addr(), c.after()) instanceof HostStep.Package p && PackageResource.installsPlainly(p);
        }

        /** One round trip: which steps' hosts still look as the plan saw them. Returns the first that does not. */
        private int preconditions() throws TransportException {
            var script = new StringBuilder();
            var checked = new ArrayList<Integer>();
            for (int i = 0; i < changes.size(); i++) {
                Change c = changes.get(i);
                // A drifted resource is known to differ from state; its precondition is the refresh itself.
                if (c.action() == Action.CREATE || c.before().isEmpty() || c.drifted()) continue;
                script.append("if ").append(HostResource.of(c.type(), c.addr(), c.before()).check()).append("; then echo ").append(i)
                        .append(" same; else echo ").append(i).append(" changed; fi 2>/dev/null\n");
                checked.add(i);
            }
            if (checked.isEmpty()) return -1;
            ExecResult r = exec(script.toString());
            for (String line : r.stdoutText().split("\n")) {
                String[] parts = line.split(" ");
                if (parts.length == 2 && parts[1].equals("changed")) return Integer.parseInt(parts[0]);
            }
            return -1;
        }

        /** Runs the steps as one script; records the ones that completed. False if one failed. */
        private boolean runBatch(List<Change> batch) throws TransportException {
            String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
            var script = new StringBuilder("exec 3>&1 1>&2\n");
            int rendered = 0;
            String renderError = null;
            for (Change c : batch) {
                SecretResolver forChange = secrets.forChange(c);
                String body;
                try {
                    String together = packagesFrom(batch, rendered);
                    body = together != null ? together + "; " : "";
                    body += c.action() == Action.DELETE
                            ? HostResource.of(c.type(), c.addr(), c.before()).delete()
                            : HostResource.of(c.type(), c.addr(), c.after()).apply(name -> {
                                String value = forChange.resolve(name);
                                carried.add(value);
                                carried.addAll(forChange.madeFrom(name));
                                return value;
                            });
                } catch (RuntimeException e) {
                    renderError = oneLine(e.getMessage()); // an unset secret, a bad attribute: run what came before, stop here
                    break;
                }
                script.append("( ").append(body).append(" )\nrc=$?\n");
                // Marked in the same script as the step, so no kill can leave the step done and the reboot forgotten.
                if (Disruption.of(c).equals(Optional.of(Disruption.REBOOT))) script.append("[ $rc != 0 ] || { ").append(NodeReboot.markPending()).append("; }\n");
                script.append("echo labc-").append(nonce).append(' ').append(rendered)
                        .append(" $rc >&3\n[ $rc = 0 ] || exit 0\n");
                rendered++;
            }
            boolean ok = true;
            if (rendered > 0) {
                recorder.starting(host, List.copyOf(batch.subList(0, rendered)));
                progress.update(host, outcome.size(), changes.size(), batch.get(0).addr().toString());
                ok = parse(exec(script.toString()), batch, nonce, rendered, carried);
            }
            if (ok && renderError != null) {
                fail(batch.get(rendered), renderError);
                return false;
            }
            return ok;
        }

        private boolean parse(ExecResult r, List<Change> batch, String nonce, int expected, List<String> secretValues) {
            // A failing command may echo its input (a tool printing the key it rejected): never quote a secret.
            String stderr = redact(r.stderrText(), secretValues);
            Matcher m = Pattern.compile("labc-" + nonce + " (\\d+) (\\d+)").matcher(r.stdoutText());
            var done = new ArrayList<Change>();
            boolean ok = true;
            int seen = 0;
            while (m.find()) {
                int i = Integer.parseInt(m.group(1));
                int rc = Integer.parseInt(m.group(2));
                seen++;
                if (rc == 0) {
                    done.add(batch.get(i));
                } else {
                    fail(batch.get(i), "exit " + rc + lastLine(stderr));
                    ok = false;
                }
            }
            if (!done.isEmpty()) {
                recorder.completed(host, List.copyOf(done));
                for (Change c : done) {
                    outcome.put(c.addr(), new StepOutcome.Done(c.addr()));
                    finished.get(c.addr()).complete(true);
                }
            }
            progress.update(host, outcome.size(), changes.size(), ok ? "" : "failed");
            if (ok && seen < expected) {
                fail(batch.get(seen), "the script stopped before this step (exit " + r.exitCode() + lastLine(stderr) + ")");
                return false;
            }
            return ok;
        }

        private ExecResult exec(String script) throws TransportException {
            // The script goes on stdin, not the command line: it may hold secrets, and ps shows arguments.
            byte[] body = script.getBytes(StandardCharsets.UTF_8);
            return withRetries(() -> session.exec("sh -s", body, options.stepTimeout()));
        }

        private <T> T withRetries(TransportCall<T> call) throws TransportException {
            TransportException last = null;
            for (int attempt = 0; attempt <= options.retries(); attempt++) {
                try {
                    return call.run();
                } catch (TransportException e) {
                    last = e;
                    if (!e.kind().retryable()) throw e;
                    try {
                        Thread.sleep(options.backoff().toMillis() << attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
            throw last;
        }

        private void fail(Change c, String reason) {
            outcome.put(c.addr(), new StepOutcome.Failed(c.addr(), reason));
        }

        /** Every step left as it is, for {@code reason}: nothing is dialled or recorded. */
        List<StepOutcome> skipAll(String reason) {
            return collect(reason);
        }

        List<StepOutcome> failRemaining(String reason) {
            boolean first = true;
            for (Change c : changes) {
                if (outcome.containsKey(c.addr())) continue;
                outcome.put(c.addr(), first ? new StepOutcome.Failed(c.addr(), reason) : new StepOutcome.Skipped(c.addr(), "host failed: " + reason));
                first = false;
            }
            return collect("");
        }

        private List<StepOutcome> collect(String skippedReason) {
            var out = new ArrayList<StepOutcome>();
            for (Change c : changes) out.add(outcome.getOrDefault(c.addr(), new StepOutcome.Skipped(c.addr(), skippedReason)));
            out.addAll(around);
            return out;
        }
    }

    /** Objects of one cluster marked started, read ahead and recorded together. */
    static final int CLUSTER_CHUNK = 100;
    static final Duration CLUSTER_COMMIT_EVERY = Duration.ofSeconds(5);

    /**
     * One cluster's part: objects one at a time in dependency order (namespaces and CRDs first),
     * each after the steps it depends on anywhere (the install on a node); removals last, contents
     * before their namespace and CRD. Completed objects are recorded in state as each chunk
     * finishes (and every few seconds within one); a kill leaves the rest marked unsure.
     */
    private final class ClusterRun {
        private final String cluster;
        private final List<Change> changes;
        private final Map<ResourceAddr, CompletableFuture<Boolean>> finished;
        private final Map<ResourceAddr, StepOutcome> outcome = new LinkedHashMap<>();

        ClusterRun(String cluster, List<Change> changes, Map<ResourceAddr, CompletableFuture<Boolean>> finished) {
            this.cluster = cluster;
            this.changes = changes;
            this.finished = finished;
        }

        List<StepOutcome> run() {
            ClusterTargets.ClusterTarget target = null;
            String broken = null;
            try {
                List<Change> ordered = order(changes);
                int next = 0;
                while (next < ordered.size()) {
                    // A run of up to CLUSTER_CHUNK objects, none depending on another in it: one
                    // read-ahead, one state commit marking them started, one (or one every few
                    // seconds) recording those done; not two commits and a GET per object.
                    var chunk = new ArrayList<Change>();
                    var inChunk = new java.util.HashSet<ResourceAddr>();
                    while (next < ordered.size() && chunk.size() < CLUSTER_CHUNK) {
                        Change c = ordered.get(next);
                        if (c.dependsOn().stream().anyMatch(inChunk::contains)) break;
                        next++;
                        if (broken != null) {
                            skip(c, "cluster failed: " + broken);
                            continue;
                        }
                        String waited = awaitDependencies(c);
                        if (waited != null) {
                            skip(c, waited);
                            continue;
                        }
                        if (target == null) {
                            try {
                                progress.update("cluster." + cluster, outcome.size(), changes.size(), "connecting");
                                target = clusters.open(cluster);
                            } catch (RuntimeException e) {
                                broken = oneLine(e.getMessage());
                                outcome.put(c.addr(), new StepOutcome.Failed(c.addr(), broken));
                                finished.get(c.addr()).complete(false);
                                continue;
                            }
                        }
                        chunk.add(c);
                        inChunk.add(c.addr());
                    }
                    if (!chunk.isEmpty()) runChunk(target, chunk);
                }
            } finally {
                if (target != null) target.close();
                progress.update("cluster." + cluster, outcome.size(), changes.size(), "");
            }
            var out = new ArrayList<StepOutcome>();
            for (Change c : changes) out.add(outcome.get(c.addr()));
            return out;
        }

        private void runChunk(ClusterTargets.ClusterTarget target, List<Change> chunk) {
            try {
                target.prepare(chunk);
            } catch (RuntimeException e) {
                // Only a read-ahead: each object is read again on its own and reports its failure.
            }
            recorder.starting("cluster." + cluster, List.copyOf(chunk));
            var done = new ArrayList<Change>();
            long lastCommit = System.nanoTime();
            for (Change c : chunk) {
                progress.update("cluster." + cluster, outcome.size(), changes.size(), c.addr().toString());
                java.util.Optional<String> failure;
                try {
                    failure = c.action() == Action.DELETE ? target.delete(c) : target.apply(c, secrets.forChange(c));
                } catch (RuntimeException e) {
                    failure = java.util.Optional.of("internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                if (failure.isEmpty()) {
                    done.add(c);
                    outcome.put(c.addr(), new StepOutcome.Done(c.addr()));
                } else {
                    outcome.put(c.addr(), new StepOutcome.Failed(c.addr(), oneLine(failure.get())));
                    finished.get(c.addr()).complete(false);
                }
                // Slow objects (a chart's install job) are recorded as they finish, not only at the end.
                if (!done.isEmpty() && System.nanoTime() - lastCommit > CLUSTER_COMMIT_EVERY.toNanos()) {
                    complete(done);
                    lastCommit = System.nanoTime();
                }
            }
            complete(done);
        }

        /** Records {@code done} in state, then lets what waits on them go on. */
        private void complete(List<Change> done) {
            if (done.isEmpty()) return;
            recorder.completed("cluster." + cluster, List.copyOf(done));
            for (Change c : done) finished.get(c.addr()).complete(true);
            done.clear();
        }

        private void skip(Change c, String reason) {
            outcome.put(c.addr(), new StepOutcome.Skipped(c.addr(), reason));
            finished.get(c.addr()).complete(false);
        }

        /** Null when every dependency in this apply completed; else the reason to skip. */
        private String awaitDependencies(Change c) {
            // A removal waits for nothing: what depended on it is removed before it (see order).
            if (c.action() == Action.DELETE) return null;
            for (ResourceAddr d : c.dependsOn()) {
                var f = finished.get(d);
                if (f == null) continue;
                // This cluster's own steps ran before in dependency order; only other scopes are waited for.
                if (d.scope().equals(c.addr().scope()) && !f.isDone()) return "depends on " + d + ", which has not run (a dependency cycle?)";
                if (!f.join()) return "depends on " + d + ", which did not complete";
            }
            return null;
        }
    }

    /** Creates and updates in dependency order (ties by address); then deletes, objects before CRDs before namespaces. */
    static List<Change> order(List<Change> changes) {
        var pending = new java.util.TreeMap<ResourceAddr, Change>();
        var deletes = new ArrayList<Change>();
        for (Change c : changes) {
            if (c.action() == Action.DELETE) deletes.add(c);
            else pending.put(c.addr(), c);
        }
        var out = new ArrayList<Change>();
        while (!pending.isEmpty()) {
            Change next = pending.values().stream().filter(c -> c.dependsOn().stream().noneMatch(pending::containsKey)).findFirst()
                    .orElse(pending.firstEntry().getValue()); // a cycle was refused by the compiler; never stall
            out.add(next);
            pending.remove(next.addr());
        }
        deletes.sort(java.util.Comparator.comparingInt((Change c) -> switch (c.type()) {
            case "namespace" -> 2;
            case "object" -> c.addr().key() != null && c.addr().key().startsWith("CustomResourceDefinition/") ? 1 : 0;
            default -> 0;
        }).thenComparing(Change::addr));
        out.addAll(deletes);
        return out;
    }

    @FunctionalInterface
    private interface TransportCall<T> {
        T run() throws TransportException;
    }

    /**
     * The last line of stderr, or an earlier line that is the same complaint with its cause: coreutils
     * print "base64: write error: No space left on device" and then, closing stdout, "base64: write error".
     */
    private static String lastLine(String stderr) {
        String[] lines = stderr.strip().split("\n");
        String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        for (int i = lines.length - 2; i >= 0 && !last.isEmpty(); i--) {
            if (lines[i].strip().startsWith(last + ": ")) {
                last = lines[i].strip();
                break;
            }
        }
        return last.isEmpty() ? "" : ": " + oneLine(last);
    }

    /** Host output with every secret value the script carried, and each line of one, replaced by {@code (secret)}. */
    private static String redact(String text, List<String> secretValues) {
        String out = text;
        for (String v : secretValues) {
            if (v == null || v.isEmpty()) continue;
            out = out.replace(v, "(secret)");
            for (String line : v.split("\n")) if (!line.isBlank()) out = out.replace(line, "(secret)");
        }
        return out;
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replace('\n', ' ').strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
