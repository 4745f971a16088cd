package dev.labc.runtime.apply;

import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.graph.GrubDropIn;
import dev.labc.shell.ShellQuote;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a new boot must show for the steps that needed it, as shell lines that each exit non-zero,
 * saying why on stderr, when it does not: nouveau not loaded after its blacklist, the nvidia module
 * loaded after a driver package was installed or upgraded. Modules are read with {@code lsmod}
 * rather than /proc/modules: a command on PATH can be stood in for on the testbed, whose hosts
 * share the test machine's kernel and so its modules. After a `kernel_args` GRUB drop-in, every
 * argument it adds must be in the new boot's command line, read from {@link Reboots#kernelCmdline}.
 */
final class BootChecks {
  private BootChecks() {}

  static final String NOUVEAU_BLACKLIST = "/etc/modprobe.d/blacklist-nouveau.conf";
  // The packages std/nvidia installs that carry the kernel module: nvidia-driver-550[-server|-open], linux-modules-nvidia-*.
  private static final Pattern DRIVER_PACKAGE = Pattern.compile("^(nvidia-driver-.*|linux-modules-nvidia-.*)$");

  static List<String> of(List<Change> done) {
    return of(done, Reboots.PROC_CMDLINE);
  }

  /** The checks, with the running kernel's command line read from {@code cmdline} on the node. */
  static List<String> of(List<Change> done, String cmdline) {
    var out = new ArrayList<String>();
    boolean nouveau = done.stream().anyMatch(c -> c.action() != Action.DELETE && c.type().equals("file")
        && c.addr().key() != null && c.addr().key().equals(NOUVEAU_BLACKLIST));
    if (nouveau) out.add("if lsmod | grep -q '^nouveau '; then echo 'nouveau is still loaded after its blacklist and the reboot' >&2; exit 1; fi");
    boolean driver = done.stream().anyMatch(BootChecks::installsDriver);
    if (driver) out.add("if ! lsmod | grep -q '^nvidia '; then echo 'the nvidia module is not loaded after the driver install and the reboot (lsmod has no nvidia)' >&2; exit 1; fi");
    for (Change c : done) {
      if (c.action() == Action.DELETE || c.action() == Action.NO_OP || !c.type().equals("file")) continue;
      if (c.addr().key() == null || !GrubDropIn.isDropIn(c.addr().key())) continue;
      if (!(c.after().get("content") instanceof Value.Text content)) continue;
      List<String> args = GrubDropIn.args(content.value()).orElse(List.of());
      if (args.isEmpty()) continue;
      // Word by word, padded with blanks: "iommu=pt" must not be found inside "intel_iommu=pt".
      var words = new StringBuilder();
      for (String a : args) words.append(' ').append(ShellQuote.quote(a));
      out.add("labc_cmdline=$(cat " + ShellQuote.quote(cmdline) + ") || exit 1; for labc_arg in" + words
          + "; do case \" $labc_cmdline \" in *\" $labc_arg \"*) ;; *) echo \"the kernel command line has no $labc_arg after the reboot, though \""
          + ShellQuote.quote(c.addr().key()) + "\" adds it (running: $labc_cmdline)\" >&2; exit 1;; esac; done");
    }
    return out;
  }

  private static boolean installsDriver(Change c) {
    if (c.action() == Action.DELETE || c.action() == Action.NO_OP || !c.type().equals("package")) return false;
    if (c.after().get("state") instanceof Value.Text s && s.value().equals("absent")) return false;
    return c.after().get("name") instanceof Value.Text n && DRIVER_PACKAGE.matcher(n.value()).matches();
  }
}
