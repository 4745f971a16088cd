package dev.labc.runtime.apply;

import dev.labc.plan.Change;
import dev.labc.runtime.transport.ExecResult;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.HostSession;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reboots one node after its steps, when one of them left the marker {@link #PENDING}: triggers
 * the reboot, waits for SSH from the new boot, and checks the boot took effect. The marker lies in
 * /run, a tmpfs, so a real boot clears it; a node whose apply was killed before its reboot keeps
 * it, and the next apply that needs a reboot there sees it too.
 */
final class NodeReboot {
  static final String PENDING = "/run/labc/reboot-required";

  /** Shell appended after a step that needs a reboot and succeeded: marks the reboot pending. */
  static String markPending() {
    return ShellCommand.of("mkdir", "-p", "/run/labc").andThen(ShellCommand.of("touch", PENDING)).render(SecretResolver.NONE);
  }

  // What identifies a boot: the kernel's boot id, and when PID 1 started (a container's or the
  // testbed's restarted init shares the machine's boot id but not its init's start time).
  private static final String BOOT_IDENTITY = "cat /proc/sys/kernel/random/boot_id; cut -d' ' -f22 /proc/1/stat";

  private final Transport transport;
  private final HostEndpoint endpoint;
  private final Reboots reboots;

  NodeReboot(Transport transport, HostEndpoint endpoint, Reboots reboots) {
    this.transport = transport;
    this.endpoint = endpoint;
    this.reboots = reboots;
  }

  static boolean pending(HostSession session) throws TransportException {
    return session.exec(ShellCommand.of("test", "-e", PENDING).render(SecretResolver.NONE), Duration.ofSeconds(30)).exitCode() == 0;
  }

  /** Reboots through {@code session} (closed by this); empty when the node came back from a new boot that took effect, else why not. */
  Optional<String> run(HostSession session, List<Change> done) throws TransportException {
    String before = session.exec(BOOT_IDENTITY, Duration.ofSeconds(30)).stdoutText();
    String local = reboots.localCommands().get(endpoint.name());
    if (local != null) {
      session.close();
      Optional<String> failed = runLocally(local);
      if (failed.isPresent()) return failed;
    } else {
      // Detached, a second later, so the command returns over this connection before sshd goes down.
      String trigger = ShellCommand.builder().literal("nohup").literal("sh").literal("-c").value("sleep 1; systemctl reboot")
          .literal(">/dev/null").literal("2>&1").literal("&").build().render(SecretResolver.NONE);
      ExecResult r = session.exec(trigger, Duration.ofSeconds(30));
      session.close();
      if (r.exitCode() != 0) return Optional.of("the reboot command failed (exit " + r.exitCode() + "): " + r.stderrText().strip());
    }
    long deadline = System.nanoTime() + reboots.timeout().toNanos();
    String lastError = "no answer";
    while (System.nanoTime() < deadline) {
      if (Thread.currentThread().isInterrupted()) return Optional.of("interrupted while waiting for the node to come back");
      try {
        HostSession fresh = transport.session(endpoint);
        ExecResult now = fresh.exec(BOOT_IDENTITY + "; " + checks(done, reboots.kernelCmdline()), Duration.ofSeconds(30));
        String[] lines = now.stdoutText().split("\n", -1);
        String identity = lines.length >= 2 ? lines[0] + "\n" + lines[1] + "\n" : now.stdoutText();
        if (before.equals(identity)) {
          // The old boot still answers: the reboot has not begun yet.
          fresh.close();
          lastError = "the node still runs the boot from before the reboot";
        } else if (now.exitCode() != 0) {
          return Optional.of("back from the reboot, but the boot did not take effect: " + now.stderrText().strip());
        } else {
          return Optional.empty();
        }
      } catch (TransportException e) {
        lastError = e.getMessage();
      }
      sleep(Duration.ofSeconds(1));
    }
    return Optional.of("the node did not come back from the reboot within " + reboots.timeout().toSeconds() + " s (" + lastError + ")");
  }

  /**
   * Shell that exits non-zero, saying why on stderr, unless the new boot shows what the steps were
   * for: the pending marker gone (a real boot cleared /run), and the {@link BootChecks} of its steps.
   */
  static String checks(List<Change> done, String kernelCmdline) {
    var out = new ArrayList<String>();
    out.add("if " + ShellCommand.of("test", "-e", PENDING).render(SecretResolver.NONE)
        + "; then echo '" + PENDING + " survived the reboot: /run was not cleared' >&2; exit 1; fi");
    out.addAll(BootChecks.of(done, kernelCmdline));
    return String.join("; ", out);
  }

  private static Optional<String> runLocally(String command) {
    try {
      Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return Optional.of("the reboot command did not finish within 10 minutes");
      }
      if (p.exitValue() != 0) {
        String text = new String(out, StandardCharsets.UTF_8).strip();
        return Optional.of("the reboot command failed (exit " + p.exitValue() + ")" + (text.isEmpty() ? "" : ": " + text.lines().reduce((a, b) -> b).orElse("")));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("the reboot command could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while the reboot command ran");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
