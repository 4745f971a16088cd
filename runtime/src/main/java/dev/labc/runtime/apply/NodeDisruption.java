package dev.labc.runtime.apply;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.plan.Change;
import dev.labc.plan.Disruption;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.HostSession;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an apply does around one node's disruptive steps: drains it first (cordon and drain in
 * Kubernetes, drain in Slurm), reboots it after when a step needs that, and returns it to service
 * once everything completed. Each of these is reported as a step of its own ({@code <host>.cordon},
 * {@code .drain}, {@code .reboot}, {@code .uncordon}, {@code .resume}); a node whose steps did not
 * all complete is left drained, and the report says how to resume it.
 */
final class NodeDisruption {
    private final String host;
    private final List<Change> changes;
    private final Drains drains;
    private final Reboots reboots;
    private final Transport transport;
    private final HostEndpoint endpoint;
    private final ApplyEngine.Progress progress;
    private final List<StepOutcome> around = new ArrayList<>();
    private SlurmDrain drained; // set once the node is drained, so it is resumed after
    private Drains.KubeNode cordoned; // set once the node is cordoned and drained in Kubernetes, so it is uncordoned after

    NodeDisruption(String host, List<Change> changes, ApplyEngine.Options options, Transport transport, HostEndpoint endpoint,
                   ApplyEngine.Progress progress) {
        this.host = host;
        this.changes = changes;
        this.drains = options.drains();
        this.reboots = options.reboots();
        this.transport = transport;
        this.endpoint = endpoint;
        this.progress = progress;
    }

    /** The drain, reboot and resume steps so far, in the order they ran. */
    List<StepOutcome> outcomes() {
        return List.copyOf(around);
    }

    /** Drains the node before its steps when one disrupts it; false when that failed (nothing was run). */
    boolean drainFirst(HostSession session) throws TransportException {
        if (drains.removing().contains(host)) return true; // drained before the apply began (RemovalDrains), never resumed
        var disrupting = changes.stream().filter(c -> Disruption.of(c).isPresent()).findFirst();
        if (disrupting.isEmpty()) return true;
        var kubeNode = drains.kubeNodes().get(host);
        if (kubeNode != null) {
            progress.update(host, 0, changes.size(), "draining in Kubernetes");
            var failed = drains.kube().drain(kubeNode);
            ResourceAddr at = scope(disrupting.get()).resource("cordon");
            if (failed.isPresent()) {
                around.add(new StepOutcome.Failed(at, failed.get()));
                return false;
            }
            around.add(new StepOutcome.Done(at));
            cordoned = kubeNode;
        }
        if (!drains.slurmNodes().contains(host)) return true;
        var slurm = new SlurmDrain(host, drains);
        if (!slurm.known(session)) {
            var cannot = slurm.withoutScontrol(session);
            if (cannot.isEmpty()) return true; // Slurm does not run here yet: nothing to drain
            around.add(new StepOutcome.Failed(scope(disrupting.get()).resource("drain"), cannot.get()));
            if (cordoned != null) drains.kube().uncordon(cordoned);
            cordoned = null;
            return false;
        }
        progress.update(host, 0, changes.size(), "draining in Slurm");
        var failed = slurm.drain(session, "labc apply: " + disrupting.get().addr());
        ResourceAddr at = scope(disrupting.get()).resource("drain");
        if (failed.isPresent()) {
            around.add(new StepOutcome.Failed(at, failed.get()));
            // Nothing was changed: the node goes back to Kubernetes too.
            if (cordoned != null) drains.kube().uncordon(cordoned);
            cordoned = null;
            return false;
        }
        around.add(new StepOutcome.Done(at));
        drained = slurm;
        return true;
    }

    /**
     * After every step completed ({@code stepsDone}): when one needing a reboot ran (this time, or in
     * an apply killed before its reboot), reboots the node and checks the new boot; a failure is the
     * host's. Returns the session to go on with: a new one after a reboot (the old connection went
     * with the old boot), else {@code session}.
     */
    HostSession rebootIfPending(HostSession session, boolean stepsDone, int finished) throws TransportException {
        if (!stepsDone) return session;
        if (changes.stream().noneMatch(c -> Disruption.of(c).equals(Optional.of(Disruption.REBOOT)))) return session;
        if (!NodeReboot.pending(session)) return session;
        reboot(session, finished);
        return transport.session(endpoint);
    }

    /**
     * Before a step that runs on the new boot (MIG instances, once MIG mode is current): reboots now
     * if a reboot is pending. The session to go on with, or empty when the reboot failed.
     */
    Optional<HostSession> rebootBefore(HostSession session, int finished) throws TransportException {
        if (!NodeReboot.pending(session)) return Optional.of(session);
        // After a failed reboot nothing more runs on the node: no new connection to a host that may not be back.
        if (!reboot(session, finished)) return Optional.empty();
        return Optional.of(transport.session(endpoint));
    }

    private boolean reboot(HostSession session, int finished) throws TransportException {
        progress.update(host, finished, changes.size(), "rebooting");
        var failed = new NodeReboot(transport, endpoint, reboots).run(session, changes);
        ResourceAddr at = changes.getFirst().addr().scope().resource("reboot");
        around.add(failed.<StepOutcome>map(why -> new StepOutcome.Failed(at, why)).orElse(new StepOutcome.Done(at)));
        return failed.isEmpty();
    }

    /** Resumes a drained node once every step (and its reboot) completed; else leaves it drained, and says so. */
    void resumeIfDrained(HostSession session, boolean stepsDone) throws TransportException {
        if (cordoned != null) {
            ResourceAddr at = scope(changes.getFirst()).resource("uncordon");
            if (!allDone(stepsDone)) {
                around.add(StepOutcome.Skipped.asked(at, "left cordoned in Kubernetes: not every step completed; an apply that completes them uncordons it,"
                        + " or `kubectl uncordon " + cordoned.name() + "` by hand"));
            } else {
                var failed = drains.kube().uncordon(cordoned);
                around.add(failed.<StepOutcome>map(why -> new StepOutcome.Failed(at, why)).orElse(new StepOutcome.Done(at)));
            }
        }
        if (drained == null) return;
        ResourceAddr at = scope(changes.getFirst()).resource("resume");
        if (!allDone(stepsDone)) {
            around.add(StepOutcome.Skipped.asked(at, "left drained in Slurm: not every step completed; an apply that completes them resumes it,"
                    + " or `scontrol update nodename=" + host + " state=resume` by hand"));
            return;
        }
        var failed = drained.resume(session);
        around.add(failed.<StepOutcome>map(why -> new StepOutcome.Failed(at, why)).orElse(new StepOutcome.Done(at)));
    }

    private boolean allDone(boolean stepsDone) {
        return stepsDone && around.stream().noneMatch(o -> o instanceof StepOutcome.Failed || o instanceof StepOutcome.Skipped);
    }

    private static Scope scope(Change c) {
        return c.addr().scope();
    }
}
