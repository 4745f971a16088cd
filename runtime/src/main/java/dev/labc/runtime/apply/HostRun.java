package dev.labc.runtime.apply;

import dev.labc.addr.ResourceAddr;
import dev.labc.plan.Change;
import dev.labc.plan.HostStep;
import dev.labc.runtime.transport.ExecResult;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.HostSession;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * One host's part of an apply, over its one SSH connection: the steps' preconditions in one round
 * trip, then the longest runs of steps that wait for nothing on another host, each sent as one
 * {@link HostScript} whose markers say which steps completed; those are recorded before the next
 * run starts. Drains and reboots around the steps are {@link NodeDisruption}'s.
 */
final class HostRun {
    private final String host;
    private final HostEndpoint endpoint;
    private final List<Change> changes;
    private final StepCompletion finished;
    private final Semaphore permits;
    private final Transport transport;
    private final ApplyEngine.Options options;
    private final ApplyEngine.StateRecorder recorder;
    private final ApplyEngine.Secrets secrets;
    private final ApplyEngine.Progress progress;
    private final Retries retries;
    private final NodeDisruption disruption;
    private final Map<ResourceAddr, StepOutcome> outcome = new LinkedHashMap<>();
    private HostSession session;
    // The secrets this host's scripts carried, kept out of what the report quotes: a daemon started in a
    // later script may print what an earlier one wrote (a service's journal quoting its config).
    private final List<String> carried = new ArrayList<>();

    HostRun(String host, HostEndpoint endpoint, List<Change> changes, StepCompletion finished, Semaphore permits, Transport transport,
            ApplyEngine.Options options, ApplyEngine.StateRecorder recorder, ApplyEngine.Secrets secrets, ApplyEngine.Progress progress) {
        this.host = host;
        this.endpoint = endpoint;
        this.changes = changes;
        this.finished = finished;
        this.permits = permits;
        this.transport = transport;
        this.options = options;
        this.recorder = recorder;
        this.secrets = secrets;
        this.progress = progress;
        this.retries = new Retries(options.retries(), options.backoff());
        this.disruption = new NodeDisruption(host, changes, options, transport, endpoint, progress);
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
            session = retries.run(() -> transport.session(endpoint));
            int firstChanged = preconditions();
            if (!disruption.drainFirst(session)) return collect("the node could not be drained");
            int i = 0;
            while (i < changes.size() && outcome.size() < changes.size()) {
                if (i == firstChanged) {
                    fail(changes.get(i), "changed on the host since the plan was made; run `labc plan` again");
                    break;
                }
                // The longest run of steps that waits for nothing on another host.
                int end = i + 1;
                while (end < changes.size() && end != firstChanged && !waitsElsewhere(changes.get(end)) && !runsOnNewBoot(changes.get(end))) end++;
                if (!awaitOtherHosts(changes.get(i))) break;
                if (runsOnNewBoot(changes.get(i))) {
                    var rebooted = disruption.rebootBefore(session, outcome.size());
                    if (rebooted.isEmpty()) break; // the reboot failed: the steps after it are not run
                    session = rebooted.get();
                }
                if (!runBatch(changes.subList(i, end))) break;
                i = end;
            }
            session = disruption.rebootIfPending(session, stepsDone(), outcome.size());
            disruption.resumeIfDrained(session, stepsDone());
        } catch (TransportException e) {
            return failRemaining(ReportText.oneLine(e.getMessage().replaceFirst("^" + Pattern.quote(host) + ": ", "")));
        } finally {
            permits.release();
        }
        return collect("an earlier step on this host did not complete");
    }

    private boolean stepsDone() {
        return changes.stream().allMatch(c -> outcome.get(c.addr()) instanceof StepOutcome.Done);
    }

    /** MIG instances are made on the boot where MIG mode is current: a pending reboot is done before them. */
    private static boolean runsOnNewBoot(Change c) {
        return c.type().equals("mig") && c.action() != dev.labc.plan.Action.DELETE;
    }

    private boolean waitsElsewhere(Change c) {
        return c.dependsOn().stream().anyMatch(d -> finished.tracks(d) && !d.scope().equals(c.addr().scope()) && !finished.isFinished(d));
    }

    /** Waits (without holding a parallelism permit) for the step's dependencies on other hosts. */
    private boolean awaitOtherHosts(Change c) {
        var others = c.dependsOn().stream().filter(d -> finished.tracks(d) && !d.scope().equals(c.addr().scope())).toList();
        if (others.isEmpty()) return true;
        permits.release();
        try {
            for (ResourceAddr d : others) {
                if (!finished.await(d)) {
                    outcome.put(c.addr(), new StepOutcome.Skipped(c.addr(), "depends on " + d + ", which did not complete"));
                    return false;
                }
            }
            return true;
        } finally {
            permits.acquireUninterruptibly();
        }
    }

    /** One round trip: which steps' hosts still look as the plan saw them. Returns the first that does not, or -1. */
    private int preconditions() throws TransportException {
        var script = HostScript.preconditions(changes);
        return script.isEmpty() ? -1 : HostScript.firstChanged(exec(script.get()).stdoutText());
    }

    /** Runs the steps as one script; records the ones that completed. False if one failed. */
    private boolean runBatch(List<Change> batch) throws TransportException {
        String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        var script = HostScript.batch(batch, secrets, nonce);
        carried.addAll(script.carried());
        int rendered = script.rendered();
        boolean ok = true;
        if (rendered > 0) {
            recorder.starting(host, List.copyOf(batch.subList(0, rendered)));
            progress.update(host, outcome.size(), changes.size(), batch.get(0).addr().toString());
            ok = record(exec(script.script()), batch, nonce, rendered);
        }
        if (ok && script.renderError().isPresent()) {
            fail(batch.get(rendered), script.renderError().get());
            return false;
        }
        return ok;
    }

    /** Reads the batch's markers: records the steps that completed, fails the one that did not. */
    private boolean record(ExecResult r, List<Change> batch, String nonce, int expected) {
        // A failing command may echo its input (a tool printing the key it rejected): never quote a secret.
        String stderr = ReportText.redact(r.stderrText(), carried);
        var done = new ArrayList<Change>();
        boolean ok = true;
        var markers = HostScript.markers(r.stdoutText(), nonce);
        for (var m : markers) {
            if (m.exitCode() == 0) {
                done.add(batch.get(m.index()));
            } else {
                fail(batch.get(m.index()), "exit " + m.exitCode() + ReportText.lastLine(stderr));
                ok = false;
            }
        }
        if (!done.isEmpty()) {
            recorder.completed(host, List.copyOf(done));
            for (Change c : done) {
                outcome.put(c.addr(), new StepOutcome.Done(c.addr()));
                finished.finish(c.addr(), true);
            }
        }
        progress.update(host, outcome.size(), changes.size(), ok ? "" : "failed");
        int seen = markers.size();
        if (ok && seen < expected) {
            fail(batch.get(seen), "the script stopped before this step (exit " + r.exitCode() + ReportText.lastLine(stderr) + ")");
            return false;
        }
        return ok;
    }

    private ExecResult exec(String script) throws TransportException {
        // The script goes on stdin, not the command line: it may hold secrets, and ps shows arguments.
        byte[] body = script.getBytes(StandardCharsets.UTF_8);
        return retries.run(() -> session.exec("sh -s", body, options.stepTimeout()));
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
        out.addAll(disruption.outcomes());
        return out;
    }
}
