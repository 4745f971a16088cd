package dev.labc.plan;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a step needs beyond a reachable Linux host with root, so a plan can say which steps a
 * CI runner or a container cannot do and `labc apply --skip-needs` can leave them for later.
 * The rules are here and nowhere else: derived from a resource's type and attributes, never
 * declared, so a new expansion gets them for free and a plan file cannot disagree with them.
 */
public enum Need {
  /** The internet: apt packages and repositories, downloads, `curl | sh` installers, Helm chart repos, `tailscale up`. */
  NETWORK("network"),
  /** An NVIDIA GPU: the driver, Fabric Manager, the persistence daemon, nvidia-smi (GPU settings). */
  GPU("gpu"),
  /** The host's own kernel: mounts, kernel modules, sysctls, the in-kernel NFS server (not inside a container). */
  KERNEL("kernel");

  public final String word;

  Need(String word) { this.word = word; }

  public static Optional<Need> parse(String word) {
    return Arrays.stream(values()).filter(n -> n.word.equals(word)).findFirst();
  }

  /** "network, gpu, kernel": what `--skip-needs` accepts. */
  public static String words() {
    return Arrays.stream(values()).map(n -> n.word).collect(Collectors.joining(", "));
  }

  /** "network, gpu" for a set, in declaration order. */
  public static String words(Set<Need> needs) {
    return needs.stream().sorted().map(n -> n.word).collect(Collectors.joining(", "));
  }

  // Command words that fetch from the internet, or touch the kernel or a GPU. Matched as words
  // at a command's start or after a shell separator, so a path like /tmp/curl-x does not count.
  private static final Pattern FETCHES = word("curl|wget|apt-get update|apt-get install|apt install|pip install|pip3 install|"
      + "python3 -m pip install|tailscale up|certbot|helm repo|helm install|helm upgrade|docker pull|git clone");
  private static final Pattern USES_GPU = word("nvidia-smi|nvidia-ctk|nvidia-persistenced|dcgmi");
  private static final Pattern USES_KERNEL = word("modprobe|sysctl|mount|umount|exportfs|update-initramfs|swapon");

  private static Pattern word(String alternatives) {
    return Pattern.compile("(^|[;&|(`]|\\$\\(|\\s)(" + alternatives + ")(\\s|$)");
  }

  /**
   * What one step needs: a resource of {@code type} created or updated to {@code attrs}, or
   * removed ({@code deleting}, with the recorded attributes). {@code text} reads one attribute
   * as text (null when absent or not text), so graph resources and plan changes share the rules.
   */
  public static SortedSet<Need> of(String type, boolean deleting, Function<String, String> text) {
    var out = EnumSet.noneOf(Need.class);
    String name = text.apply("name");
    switch (type) {
      case "package" -> {
        // Installing fetches from a repository; removing does not.
        if (!deleting && !"absent".equals(text.apply("state"))) {
          out.add(NETWORK);
          if (name != null && (name.startsWith("nvidia-driver-") || name.startsWith("nvidia-fabricmanager-"))) out.add(GPU);
        }
      }
      case "service" -> {
        if (name != null && (name.equals("nvidia-fabricmanager") || name.equals("nvidia-persistenced"))) out.add(GPU);
        if (name != null && (name.equals("nfs-server") || name.equals("nfs-kernel-server"))) out.add(KERNEL);
      }
      case "mount", "kernel_module", "sysctl" -> out.add(KERNEL);
      case "gpu", "mig_mode", "mig" -> out.add(GPU);
      case "command" -> {
        String command = text.apply("command");
        if (!deleting && command != null) {
          if (FETCHES.matcher(command).find()) out.add(NETWORK);
          if (USES_GPU.matcher(command).find()) out.add(GPU);
          if (USES_KERNEL.matcher(command).find()) out.add(KERNEL);
        }
      }
      // A HelmChart names a repository the cluster downloads from, unless the chart travels inline.
      case "chart" -> {
        String manifest = text.apply("manifest");
        if (!deleting && (manifest == null || !manifest.contains("chartContent:"))) out.add(NETWORK);
      }
      default -> {}
    }
    return Collections.unmodifiableSortedSet(new TreeSet<>(out));
  }
}
