package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.shell.ShellQuote;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's `gpu { mig = [...] }` applied on a testbed host whose nvidia-smi is the stateful fake
 * (MIG mode pending until the testbed's reboot; instances gone with the boot, as on a real card):
 * MIG mode on, the reboot, then the instances, all in one apply; a hand-destroyed instance is drift
 * that the next apply repairs without another reboot.
 */
@Testbed(hosts = 1)
class MigOnTestbedTest {
  @TempDir Path dir;

  static final String LAYOUT = "nvidia-smi mig -i 0 -lgi | awk '$3 == \"MIG\" { print $4 }' | sort | tr '\\n' ' '";

  @Test
  void modeOnThenRebootThenInstancesASecondPlanIsEmptyAndAHandDestroyedInstanceIsRestored(TestbedHosts hosts) throws Exception {
    FakeNvidiaSmi.install(hosts, 1, 1);
    assertTrue(hosts.ssh(1, "touch /run/from-the-old-boot").ok());
    Path lab = dir.resolve("cluster.lab");
    writeLab(hosts, lab, "[\"3g.40gb\", \"2g.20gb\", \"2g.20gb\"]");

    CliRun plan = CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(2, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("node.gpu-1.mig_mode (mig_mode) (needs gpu) (needs reboot)"), plan.out());
    assertTrue(plan.out().contains("node.gpu-1.mig (mig) (needs gpu)\n"), plan.out());
    assertTrue(plan.out().contains("Reboots: gpu-1 reboots after its steps (needs reboot), but before a MIG layout's mig step, which needs the new boot;"), plan.out());

    CliRun apply = CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "apply", "--auto-approve", "--reboot-timeout", "60", lab.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertFalse(hosts.ssh(1, "test -e /run/from-the-old-boot").ok(), "the node was not rebooted");
    assertEquals("2g.20gb 2g.20gb 3g.40gb ", hosts.ssh(1, LAYOUT).stdout());
    String calls = hosts.ssh(1, "cat /var/lib/fake-nvidia-smi/calls").stdout();
    assertTrue(calls.contains("-i 0 -mig 1") && calls.indexOf("-i 0 -mig 1") < calls.indexOf("mig -i 0 -cgi 3g.40gb,2g.20gb,2g.20gb -C"),
        "mode first, instances after: " + calls);
    assertEquals("Enabled, Enabled\n", hosts.ssh(1, "nvidia-smi --query-gpu=mig.mode.current,mig.mode.pending --format=csv,noheader,nounits").stdout());

    CliRun again = CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("No changes."), again.out());

    // Someone destroys an instance by hand: drift on the layout only, repaired without a reboot.
    assertTrue(hosts.ssh(1, "nvidia-smi mig -i 0 -dci -gi 2 && nvidia-smi mig -i 0 -dgi -gi 2 && touch /run/same-boot").ok());
    assertEquals("2g.20gb 3g.40gb ", hosts.ssh(1, LAYOUT).stdout());
    CliRun drift = CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(2, drift.exitCode(), drift.out() + drift.err());
    assertTrue(drift.out().contains("node.gpu-1.mig (mig) (needs gpu) was changed on the host"), drift.out());
    assertFalse(drift.out().contains("mig_mode"), drift.out());
    assertFalse(drift.out().contains("Reboots:"), drift.out());
    CliRun repair = CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "apply", "--auto-approve", "--reboot-timeout", "60", lab.toString()));
    assertEquals(0, repair.exitCode(), repair.out() + repair.err());
    assertEquals("2g.20gb 2g.20gb 3g.40gb ", hosts.ssh(1, LAYOUT).stdout());
    assertTrue(hosts.ssh(1, "test -e /run/same-boot").ok(), "a layout repair must not reboot the node");
    assertEquals(0, CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString())).exitCode());

    // A compute instance destroyed alone (its GPU instance left) is drift too.
    assertTrue(hosts.ssh(1, "nvidia-smi mig -i 0 -dci -gi 1").ok());
    assertEquals(2, CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString())).exitCode());
    assertEquals(0, CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString())).exitCode());
    assertEquals("3\n", hosts.ssh(1, "nvidia-smi mig -i 0 -lci | grep -c ' MIG '").stdout());

    // Without the layout: the instances are destroyed and MIG mode goes off with the reboot that needs.
    writeLab(hosts, lab, null);
    CliRun removePlan = CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "plan", lab.toString()));
    assertTrue(removePlan.out().contains("Reboots: gpu-1 reboots after its steps (needs reboot); apply"), "removing a layout reboots last: " + removePlan.out());
    assertTrue(removePlan.out().contains("node.gpu-1.mig_mode (mig_mode) is no longer declared (needs gpu) (needs reboot)") && removePlan.out().contains("node.gpu-1.mig (mig) is no longer declared"), removePlan.out());
    CliRun off = CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "apply", "--auto-approve", "--reboot-timeout", "60", lab.toString()));
    assertEquals(0, off.exitCode(), off.out() + off.err());
    assertFalse(hosts.ssh(1, "test -e /run/same-boot").ok(), "MIG mode off needs the reboot");
    assertEquals("Disabled, Disabled\n", hosts.ssh(1, "nvidia-smi --query-gpu=mig.mode.current,mig.mode.pending --format=csv,noheader,nounits").stdout());
    assertEquals(0, CliRun.run(GpuSettingsOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString())).exitCode());
  }

  static void writeLab(TestbedHosts hosts, Path lab, String mig) throws Exception {
    String reboot = hosts.rebootCommandLine(1).stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    Files.writeString(lab, "node gpu-1 {\n  address = " + hosts.host(1).address() + "\n  reboot_command = \""
        + reboot.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n  gpu {\n    model = H100_80GB\n    count = 1\n" + (mig == null ? "" : "    mig = " + mig + "\n") + "  }\n}\n");
  }
}
