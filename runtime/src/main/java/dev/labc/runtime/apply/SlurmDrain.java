package dev.labc.runtime.apply;

import dev.labc.runtime.transport.ExecResult;
import dev.labc.runtime.transport.HostSession;
import dev.labc.runtime.transport.TransportException;
import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains one node in Slurm before its disruptive steps and resumes it after: `scontrol update
 * state=drain` (no new jobs), then waits until its running jobs have ended (never cancelling
 * them) or the timeout, then `state=resume`. Run on the node itself, which has slurm.conf and
 * the MUNGE key as every member does.
 */
final class SlurmDrain {
  private static final Duration CALL = Duration.ofSeconds(60);
  private static final Pattern STATE = Pattern.compile("\\bState=(\\S+)");

  private final String node;
  private final Drains drains;

  SlurmDrain(String node, Drains drains) {
    this.node = node;
    this.drains = drains;
  }

  /** Whether Slurm knows this node yet: not on a first install, before slurmd ever ran. */
  boolean known(HostSession session) throws TransportException {
    String test = "command -v scontrol >/dev/null 2>&1 && " + ShellCommand.of("scontrol", "show", "node", node).render(SecretResolver.NONE) + " >/dev/null 2>&1";
    return session.exec(test, CALL).exitCode() == 0;
  }

  /**
   * Why a node Slurm already runs on cannot be drained: slurmd is active but scontrol is missing
   * (Debian's slurmd does not depend on slurm-client). Skipping the drain then would restart slurmd
   * or reboot under running jobs, so the host's steps stop instead, with how to install it.
   */
  Optional<String> withoutScontrol(HostSession session) throws TransportException {
    if (session.exec("! command -v scontrol >/dev/null 2>&1 && systemctl is-active --quiet slurmd", CALL).exitCode() != 0) return Optional.empty();
    return Optional.of("slurmd runs on " + node + " but scontrol (package slurm-client) is not installed there, so it cannot be drained before its"
        + " disruptive steps; nothing was changed. Install it first: labc apply --target 'node." + node + ".package[\"slurm-client\"]'");
  }

  /** Drains and waits; empty when no job is left, else why not (the node is resumed then: nothing was changed). */
  Optional<String> drain(HostSession session, String reason) throws TransportException {
    ExecResult r = session.exec(ShellCommand.of("scontrol", "update", "nodename=" + node, "state=drain", "reason=" + reason).render(SecretResolver.NONE), CALL);
    if (r.exitCode() != 0) return Optional.of("scontrol could not drain " + node + ": " + r.stderrText().strip());
    long deadline = System.nanoTime() + drains.timeout().toNanos();
    String state = "";
    while (true) {
      state = state(session);
      if (drained(state)) return Optional.empty();
      if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) break;
      try {
        Thread.sleep(drains.poll().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Optional<String> resumed = resume(session);
    return Optional.of("jobs still run on " + node + " after " + drains.timeout().toSeconds() + " s of draining (State=" + state + "); "
        + (resumed.isEmpty() ? "resumed it, nothing was changed" : "and it could not be resumed: " + resumed.get()));
  }

  Optional<String> resume(HostSession session) throws TransportException {
    ExecResult r = session.exec(ShellCommand.of("scontrol", "update", "nodename=" + node, "state=resume").render(SecretResolver.NONE), CALL);
    return r.exitCode() == 0 ? Optional.empty() : Optional.of("scontrol could not resume " + node + ": " + r.stderrText().strip());
  }

  private String state(HostSession session) throws TransportException {
    ExecResult r = session.exec(ShellCommand.of("scontrol", "show", "node", node).render(SecretResolver.NONE), CALL);
    Matcher m = STATE.matcher(r.stdoutText());
    return m.find() ? m.group(1) : "";
  }

  /** IDLE+DRAIN, DOWN+DRAIN: drained. MIXED+DRAIN, ALLOCATED+DRAIN, +COMPLETING: jobs still run (Slurm's "draining"). */
  static boolean drained(String state) {
    var parts = java.util.Set.of(state.split("\\+"));
    return parts.contains("DRAIN") && !parts.contains("ALLOCATED") && !parts.contains("MIXED") && !parts.contains("COMPLETING");
  }
}
