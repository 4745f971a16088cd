package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.shell.ShellQuote;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * std/os's `kernel_args` on a testbed host, as seed 000 writes it (nouveau.modeset=0, IOMMU
 * passthrough): the plan shows the GRUB drop-in, update-grub `(needs reboot)` and the reboot;
 * apply writes the drop-in, runs update-grub, reboots the host and reads the new boot's command
 * line. The host shares the test machine's kernel, so a fake update-grub on PATH "builds" the next
 * boot's command line into a file of the host's, which the boot check reads instead of
 * /proc/cmdline (LABC_TEST_KERNEL_CMDLINE_FILE). A GRUB that ignores the drop-in fails the apply
 * naming the missing argument.
 */
@Testbed(hosts = 1)
class KernelArgsOnTestbedTest {
  @TempDir Path dir;

  static final String CMDLINE = "/var/lib/labc-test-cmdline";
  static final Map<String, String> ENV = Map.of("LABC_TEST_KERNEL_CMDLINE_FILE", CMDLINE);
  static final String BASE = "BOOT_IMAGE=/vmlinuz-6.8.0-45-generic root=UUID=0b1c ro quiet splash";

  @Test
  void kernelArgsAreWrittenForGrubAndTheRebootShowsThemOrTheApplyFailsNamingTheMissingOne(TestbedHosts hosts) throws Exception {
    assertTrue(hosts.ssh(1, "rm -rf /etc/default/grub.d && printf '%s\\n' " + ShellQuote.quote(BASE) + " > " + CMDLINE
        + " && touch /run/from-the-old-boot").ok());
    // First a GRUB that ignores grub.d (a hand-edited grub.cfg would too): the next boot lacks the arguments.
    installUpdateGrub(hosts, "echo " + ShellQuote.quote(BASE) + " > " + CMDLINE);
    Path lab = dir.resolve("cluster.lab");
    writeLab(hosts, lab, "[\"nouveau.modeset=0\", \"iommu=pt\"]");

    CliRun plan = CliRun.runWithEnv(ENV, ssh(hosts, "plan", lab.toString()));
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("+   node.n-1.file[\"/etc/default/grub.d/labc-gpu.cfg\"] (file)\n"), plan.out());
    assertTrue(plan.out().contains("\n            GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT nouveau.modeset=0 iommu=pt\"\n"), plan.out());
    assertTrue(plan.out().contains("+   node.n-1.command[\"update-grub-gpu\"] (command) (needs reboot)\n"), plan.out());
    assertTrue(plan.out().contains("Reboots: n-1 reboots after its steps"), plan.out());

    CliRun broken = CliRun.runWithEnv(ENV, ssh(hosts, "apply", "--auto-approve", "--reboot-timeout", "60", lab.toString()));
    assertEquals(1, broken.exitCode(), broken.out() + broken.err());
    assertTrue(broken.out().contains("the kernel command line has no nouveau.modeset=0 after the reboot, though /etc/default/grub.d/labc-gpu.cfg adds it"),
        broken.out());
    assertFalse(hosts.ssh(1, "test -e /run/from-the-old-boot").ok(), "the host was not rebooted");
    assertEquals("# managed by labc: kernel_args gpu\nGRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT nouveau.modeset=0 iommu=pt\"\n",
        hosts.ssh(1, "cat /etc/default/grub.d/labc-gpu.cfg").stdout());

    // A GRUB that reads the drop-ins, as Ubuntu's grub-mkconfig does; one more argument changes the drop-in again.
    installUpdateGrub(hosts, "GRUB_CMDLINE_LINUX_DEFAULT='quiet splash'; for f in /etc/default/grub.d/*.cfg; do . \"$f\"; done; "
        + "echo \"BOOT_IMAGE=/vmlinuz-6.8.0-45-generic root=UUID=0b1c ro $GRUB_CMDLINE_LINUX_DEFAULT\" > " + CMDLINE);
    assertTrue(hosts.ssh(1, "touch /run/from-the-old-boot").ok());
    writeLab(hosts, lab, "[\"nouveau.modeset=0\", \"iommu=pt\", \"intel_iommu=on\"]");
    CliRun apply = CliRun.runWithEnv(ENV, ssh(hosts, "apply", "--auto-approve", "--reboot-timeout", "60", lab.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertFalse(hosts.ssh(1, "test -e /run/from-the-old-boot").ok(), "the host was not rebooted");
    assertEquals("BOOT_IMAGE=/vmlinuz-6.8.0-45-generic root=UUID=0b1c ro quiet splash nouveau.modeset=0 iommu=pt intel_iommu=on\n",
        hosts.ssh(1, "cat " + CMDLINE).stdout());
    CliRun settled = CliRun.runWithEnv(ENV, ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(0, settled.exitCode(), settled.out() + settled.err());
  }

  /** A fake update-grub in /usr/local/sbin (before /usr/sbin on root's PATH) running {@code body}. */
  private static void installUpdateGrub(TestbedHosts hosts, String body) {
    var r = hosts.ssh(1, "mkdir -p /usr/local/sbin && printf '%s\\n' '#!/bin/sh' " + ShellQuote.quote(body)
        + " > /usr/local/sbin/update-grub && chmod 0755 /usr/local/sbin/update-grub");
    assertTrue(r.ok(), r.toString());
  }

  private static void writeLab(TestbedHosts hosts, Path lab, String args) throws Exception {
    String reboot = hosts.rebootCommandLine(1).stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    Files.writeString(lab, """
        import "std/os"

        node n-1 {
          address = %s
          reboot_command = "%s"
        }

        kernel_args gpu {
          args = %s
        }
        """.formatted(hosts.host(1).address(), reboot.replace("\\", "\\\\").replace("\"", "\\\""), args));
  }

  static String[] ssh(TestbedHosts hosts, String... args) {
    return GpuSettingsOnTestbedTest.ssh(hosts, args);
  }
}
