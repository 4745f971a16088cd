package dev.labc.runtime.apply;

import java.time.Duration;
import java.util.Map;

/**
 * How an apply reboots a node after steps that need it ({@code Disruption.REBOOT}).
 *
 * @param localCommands per node, a command run on the machine running labc that restarts it (a
 *     BMC's `ipmitool ... chassis power cycle`, or the testbed restarting a host); a node without
 *     one is rebooted with `systemctl reboot` over its own connection
 * @param timeout how long to wait for SSH to answer from the new boot
 * @param kernelCmdline the file on a node the boot check reads the running kernel's command line
 *     from: {@link #PROC_CMDLINE}, unless a test names another (testbed hosts share the test
 *     machine's kernel and /proc, so only a file of the host's own can stand for a new boot's)
 */
public record Reboots(Map<String, String> localCommands, Duration timeout, String kernelCmdline) {
  public static final String PROC_CMDLINE = "/proc/cmdline";
  public static final Reboots DEFAULT = new Reboots(Map.of(), Duration.ofMinutes(10));

  public Reboots {
    localCommands = Map.copyOf(localCommands);
  }

  public Reboots(Map<String, String> localCommands, Duration timeout) {
    this(localCommands, timeout, PROC_CMDLINE);
  }
}
