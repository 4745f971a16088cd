package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's `gpu { power_limit persistence }` applied with nvidia-smi and read back for drift, on a
 * testbed host whose nvidia-smi is a fake that keeps its card's settings between calls
 * (test resources fake-nvidia-smi/, answering with outputs captured on a real H100).
 */
@Testbed(hosts = 1)
class GpuSettingsOnTestbedTest {
  @TempDir Path dir;

  static final String QUERY = "nvidia-smi --query-gpu=persistence_mode,power.limit --format=csv,noheader,nounits";

  @Test
  void applySetsTheCardARefreshSeesNoChangeAHandEditIsDriftAndRemovingTheBlockRestoresDefaults(TestbedHosts hosts) throws Exception {
    installFake(hosts);
    Path lab = dir.resolve("cluster.lab");
    writeLab(hosts, lab, "    power_limit = 300W\n    persistence = true\n");
    assertEquals("Disabled, 700.00\n", hosts.ssh(1, QUERY).stdout(), "the fake starts as a freshly booted card");

    CliRun plan = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(2, plan.exitCode(), plan.err());
    assertTrue(plan.out().contains("node.gpu-1.gpu (gpu) (needs gpu)"), plan.out());
    assertTrue(plan.out().contains("power_limit_watts") && plan.out().contains("\"300\""), plan.out());

    CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertEquals("Enabled, 300.00\n", hosts.ssh(1, QUERY).stdout());
    String calls = hosts.ssh(1, "cat /var/lib/fake-nvidia-smi/calls").stdout();
    assertTrue(calls.indexOf("-i 0 -pm 1") < calls.indexOf("-i 0 -pl 300") && calls.contains("-i 0 -pm 1"), "persistence before the limit: " + calls);

    CliRun again = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("No changes."), again.out());

    // Someone raises the limit by hand (or the node rebooted without persistence): drift, repaired by apply.
    assertTrue(hosts.ssh(1, "nvidia-smi -i 0 -pl 450").ok());
    CliRun drift = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(2, drift.exitCode(), drift.out() + drift.err());
    assertTrue(drift.out().contains("node.gpu-1.gpu (gpu) (needs gpu) was changed on the host"), drift.out());
    assertTrue(drift.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), drift.out());
    CliRun repair = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, repair.exitCode(), repair.out() + repair.err());
    assertEquals("Enabled, 300.00\n", hosts.ssh(1, QUERY).stdout());

    // A new limit is an update of the same step.
    writeLab(hosts, lab, "    power_limit = 0.45kW\n    persistence = true\n");
    CliRun raise = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, raise.exitCode(), raise.out() + raise.err());
    assertEquals("Enabled, 450.00\n", hosts.ssh(1, QUERY).stdout());

    // Without the settings the step is destroyed: the card goes back to its defaults.
    writeLab(hosts, lab, "");
    CliRun remove = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, remove.exitCode(), remove.out() + remove.err());
    assertEquals("Disabled, 700.00\n", hosts.ssh(1, QUERY).stdout());
    CliRun settled = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(0, settled.exitCode(), settled.out() + settled.err());
  }

  @Test
  void aLimitTheCardRefusesFailsTheStepWithNvidiaSmisReasonAndStateRecordsNothing(TestbedHosts hosts) throws Exception {
    installFake(hosts);
    assertTrue(hosts.ssh(1, "rm -rf /var/lib/fake-nvidia-smi").ok());
    Path lab = dir.resolve("cluster.lab");
    writeLab(hosts, lab, "    power_limit = 900W\n");
    CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertFalse(apply.exitCode() == 0, apply.out() + apply.err());
    assertTrue((apply.out() + apply.err()).contains("not a valid power limit"), apply.out() + apply.err());
    assertEquals("Disabled, 700.00\n", hosts.ssh(1, QUERY).stdout());
    CliRun plan = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(2, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("node.gpu-1.gpu (gpu) (needs gpu)"), "the failed step is still to do: " + plan.out());
  }

  @Test
  void onANodeWhoseDriverTheGpuOperatorOwnsNvidiaSmiRunsInTheDriverContainersRoot(TestbedHosts hosts) throws Exception {
    installFake(hosts);
    assertTrue(hosts.ssh(1, "rm -rf /run/nvidia").ok());
    Path lab = dir.resolve("cluster.lab");
    writeLab(hosts, lab, "    driver = \"operator\"\n    power_limit = 350W\n");
    CliRun plan = CliRun.run(ssh(hosts, "plan", lab.toString()));
    assertTrue(plan.out().contains("driver_root       = \"/run/nvidia/driver\""), plan.out());
    // No driver container yet: the host's own nvidia-smi is not used in its place.
    CliRun early = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertFalse(early.exitCode() == 0, early.out() + early.err());
    assertEquals("Disabled, 700.00\n", hosts.ssh(1, QUERY).stdout());
    // The driver container's root, here the host's own (where the fake lives), mounted where the operator mounts it.
    assertTrue(hosts.ssh(1, "mkdir -p /run/nvidia && ln -s / /run/nvidia/driver").ok());
    CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertEquals("Disabled, 350.00\n", hosts.ssh(1, QUERY).stdout());
    assertEquals(0, CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab.toString())).exitCode());
  }

  static void writeLab(TestbedHosts hosts, Path lab, String settings) throws Exception {
    Files.writeString(lab, "node gpu-1 {\n  address = " + hosts.host(1).address() + "\n  gpu {\n    model = H100_80GB\n    count = 1\n"
        + settings + "  }\n}\n");
  }

  static void installFake(TestbedHosts hosts) {
    FakeNvidiaSmi.install(hosts, 1, 1);
  }

  static String[] ssh(TestbedHosts hosts, String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString()));
    return all.toArray(String[]::new);
  }
}
