package dev.labc.plan;

import dev.labc.state.Value;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How a step disrupts the work running on its node, so a rolling apply ({@link Rollout}) takes
 * such nodes a few at a time. Derived from a resource's type and attributes, never declared, like
 * {@link Need}: a saved plan cannot disagree, and a new expansion gets the rules for free.
 */
public enum Disruption {
  /** Takes effect only after a reboot: kernel and driver packages, the initramfs, GRUB's command line. */
  REBOOT("needs reboot"),
  /** Restarts or removes a daemon that jobs or pods run under (slurmd, RKE2/K3s, Fabric Manager). */
  WORKLOAD("disrupts jobs");

  /** How the plan marks such a step, in parentheses. */
  public final String words;

  Disruption(String words) { this.words = words; }

  private static final Pattern REBOOT_PACKAGE = Pattern.compile("^(nvidia-driver-.*|linux-image-.*|linux-generic.*|linux-modules-nvidia-.*)$");
  // The commands that rebuild what the next boot reads, as words at a command's start or after a separator.
  private static final Pattern BOOT_REBUILD = Pattern.compile("(^|[;&|(`]|\\$\\()\\s*(update-initramfs|update-grub|grub-mkconfig|dracut)(\\s|$)");
  private static final java.util.Set<String> WORKLOAD_SERVICES = java.util.Set.of(
      "slurmd", "slurmctld", "rke2-agent", "rke2-server", "k3s", "k3s-agent", "nvidia-fabricmanager", "docker", "containerd");

  /** What one planned change disrupts, if anything. */
  public static Optional<Disruption> of(Change c) {
    if (c.action() == Action.NO_OP) return Optional.empty();
    var attrs = c.action() == Action.DELETE ? c.before() : c.after();
    return of(c.type(), c.action() == Action.DELETE, k -> attrs.get(k) instanceof Value.Text t ? t.value() : null);
  }

  /** As {@link Need#of}: a resource of {@code type} created or updated to its attributes, or removed ({@code deleting}). */
  public static Optional<Disruption> of(String type, boolean deleting, Function<String, String> text) {
    String name = text.apply("name");
    return switch (type) {
      // Installing or upgrading loads nothing until the next boot; removing leaves the running module.
      case "package" -> !deleting && !"absent".equals(text.apply("state")) && name != null && REBOOT_PACKAGE.matcher(name).matches()
          ? Optional.of(REBOOT) : Optional.empty();
      case "command" -> {
        String run = text.apply("command");
        yield !deleting && run != null && BOOT_REBUILD.matcher(run).find() ? Optional.of(REBOOT) : Optional.empty();
      }
      // MIG mode, on or off, becomes current only after a GPU reset, which on a node is a reboot.
      case "mig_mode" -> Optional.of(REBOOT);
      case "service" -> name != null && WORKLOAD_SERVICES.contains(name.replaceFirst("\\.service$", "")) ? Optional.of(WORKLOAD) : Optional.empty();
      default -> Optional.empty();
    };
  }
}
