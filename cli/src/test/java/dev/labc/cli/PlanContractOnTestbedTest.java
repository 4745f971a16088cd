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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan/apply contract of issue 20 on two real OpenSSH hosts, in order on one state repository
 * as an operator would go: a saved plan made with a --var-file is applied with no flags, and
 * refused as stale (naming the var file, dialling nobody) once the file changed; a mistyped
 * --exclude stops apply before any host is contacted while a right one spares its host; a host
 * that is down makes plan exit 1 and never say "No changes".
 */
@Testbed(hosts = 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanContractOnTestbedTest {
  @TempDir static Path dir;

  static Path lab() {
    return dir.resolve("cluster.lab");
  }

  static Path vars() {
    return dir.resolve("inventory.lab");
  }

  static void write(TestbedHosts hosts, String motd) throws Exception {
    Files.writeString(lab(), """
        param motd_text: string
        node head {
          address = %s
        }
        node "gpu-7" {
          address = %s
        }
        file motd {
          path    = "/var/tmp/labc-contract-motd"
          content = motd_text
        }
        """.formatted(hosts.host(1).address(), hosts.host(2).address()));
    Files.writeString(vars(), "motd_text = \"" + motd + "\\n\"\n");
  }

  static String[] ssh(TestbedHosts hosts, String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString()));
    return all.toArray(String[]::new);
  }

  static long connections(TestbedHosts hosts) throws Exception {
    long n = 0;
    for (int i = 1; i <= 2; i++) n += Files.readAllLines(hosts.sshdLog(i)).stream().filter(l -> l.contains("Connection from")).count();
    return n;
  }

  static String motd(TestbedHosts hosts, int i) {
    var r = hosts.ssh(i, "cat /var/tmp/labc-contract-motd 2>/dev/null || echo absent");
    assertTrue(r.ok(), r.toString());
    return r.stdout().strip();
  }

  @Test
  @Order(1)
  void aPlanSavedWithAVarFileIsAppliedWithNoOtherFlag(TestbedHosts hosts) throws Exception {
    write(hosts, "first");
    Path saved = dir.resolve("first.plan");
    CliRun plan = CliRun.run(ssh(hosts, "plan", "--var-file", vars().toString(), "-out", saved.toString(), lab().toString()));
    assertEquals(0, plan.exitCode(), plan.err());
    assertTrue(plan.out().contains("Apply exactly this plan with: labc apply " + saved), plan.out());
    CliRun apply = CliRun.run(ssh(hosts, "apply", saved.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertEquals("first", motd(hosts, 1));
    assertEquals("first", motd(hosts, 2));
  }

  @Test
  @Order(2)
  void aSavedPlanWhoseVarFileChangedIsStaleSaysSoAndDialsNobody(TestbedHosts hosts) throws Exception {
    write(hosts, "second");
    Path saved = dir.resolve("second.plan");
    CliRun plan = CliRun.run(ssh(hosts, "plan", "--var-file", vars().toString(), "-out", saved.toString(), lab().toString()));
    assertEquals(0, plan.exitCode(), plan.err());
    Files.writeString(vars(), "motd_text = \"third\\n\"\n");
    Thread.sleep(200);
    long before = connections(hosts);
    CliRun apply = CliRun.run(ssh(hosts, "apply", saved.toString()));
    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.err().contains("stale plan") && apply.err().contains("var-file inventory.lab changed"), apply.err());
    Thread.sleep(200);
    assertEquals(before, connections(hosts), "no host is dialled before the staleness check");
    assertEquals("first", motd(hosts, 1));
  }

  @Test
  @Order(3)
  void aMistypedExcludeStopsApplyBeforeAnyHostAndARightOneSparesItsHost(TestbedHosts hosts) throws Exception {
    write(hosts, "fourth");
    Thread.sleep(200);
    long before = connections(hosts);
    CliRun typo = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--var-file", vars().toString(), "--exclude", "gpu7", lab().toString()));
    assertEquals(1, typo.exitCode(), typo.out() + typo.err());
    assertTrue(typo.err().contains("did you mean `gpu-7`?"), typo.err());
    Thread.sleep(200);
    assertEquals(before, connections(hosts), "a wrong name is refused before any host is dialled");
    assertEquals("first", motd(hosts, 2));

    CliRun spared = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--var-file", vars().toString(), "--exclude", "gpu-7", lab().toString()));
    assertEquals(0, spared.exitCode(), spared.out() + spared.err());
    assertEquals("fourth", motd(hosts, 1));
    assertEquals("first", motd(hosts, 2), "the excluded host was left alone");
    CliRun targeted = CliRun.run(ssh(hosts, "plan", "--var-file", vars().toString(), "--target", "gpu-7", lab().toString()));
    assertEquals(0, targeted.exitCode(), targeted.err());
    assertTrue(targeted.out().contains("node.gpu-7.file") && !targeted.out().contains("node.head."), targeted.out());
  }

  @Test
  @Order(4)
  void aHostThatIsDownIsNeverNoChanges(TestbedHosts hosts) throws Exception {
    CliRun converge = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--var-file", vars().toString(), lab().toString()));
    assertEquals(0, converge.exitCode(), converge.out() + converge.err());
    CliRun clean = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", "--var-file", vars().toString(), lab().toString()));
    assertEquals(0, clean.exitCode(), clean.out() + clean.err());
    assertTrue(clean.out().contains("No changes."), clean.out());
    hosts.down(2);
    try {
      for (String flag : new String[] {"--detailed-exitcode", "--format=text"}) {
        CliRun down = CliRun.run(ssh(hosts, "plan", flag, "--connect-timeout", "3", "--var-file", vars().toString(), lab().toString()));
        assertEquals(1, down.exitCode(), down.out() + down.err());
        assertFalse(down.out().contains("No changes"), down.out());
        assertTrue(down.out().contains("could not be compared on 1 host (gpu-7)"), down.out());
        assertTrue(down.err().contains("error: not refreshed: gpu-7"), down.err());
      }
      CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--connect-timeout", "3", "--var-file", vars().toString(), lab().toString()));
      assertEquals(1, apply.exitCode(), apply.out() + apply.err());
      assertTrue(apply.err().contains("nothing was applied"), apply.err());
      CliRun fromState = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", "--refresh=false", "--var-file", vars().toString(), lab().toString()));
      assertEquals(0, fromState.exitCode(), "--refresh=false plans from state alone: " + fromState.err());
      CliRun excluded = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", "--exclude", "gpu-7", "--var-file", vars().toString(), lab().toString()));
      assertEquals(0, excluded.exitCode(), "an excluded host is not asked: " + excluded.out() + excluded.err());
    } finally {
      hosts.up(2);
    }
  }
}
