package dev.labc.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The GRUB drop-in std/os's `kernel_args` writes, and its reading back: the expansion writes it,
 * and a rebooted node's boot check ({@code runtime.apply.BootChecks}) reads the planned arguments
 * from the same file's content, so the two cannot disagree on the format.
 */
public final class GrubDropIn {
  /** Ubuntu's grub-mkconfig sources every /etc/default/grub.d/*.cfg after /etc/default/grub. */
  public static final String DIR = "/etc/default/grub.d/";
  private static final String PREFIX = DIR + "labc-";
  private static final Pattern LINE = Pattern.compile("(?m)^GRUB_CMDLINE_LINUX_DEFAULT=\"\\$GRUB_CMDLINE_LINUX_DEFAULT ([^\"$`\\\\]*)\"$");

  private GrubDropIn() {}

  /** The drop-in of the `kernel_args` block {@code block}. */
  public static String path(String block) {
    return PREFIX + block + ".cfg";
  }

  public static boolean isDropIn(String path) {
    return path.startsWith(PREFIX) && path.endsWith(".cfg");
  }

  /**
   * Appends {@code args} to the defaults, keeping what /etc/default/grub set. The arguments are
   * single words without quotes, `$`, backquotes or backslashes (the schema's pattern), so inside
   * the double quotes of this sourced shell file each stands for itself.
   */
  public static String content(String block, List<String> args) {
    return "# managed by labc: kernel_args " + block + "\nGRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT " + String.join(" ", args) + "\"\n";
  }

  /** The arguments a drop-in written by {@link #content} adds; empty for any other content. */
  public static Optional<List<String>> args(String content) {
    var m = LINE.matcher(content);
    if (!m.find()) return Optional.empty();
    return Optional.of(Arrays.stream(m.group(1).trim().split(" +")).filter(a -> !a.isEmpty()).toList());
  }
}
