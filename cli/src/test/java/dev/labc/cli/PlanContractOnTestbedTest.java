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
      assertEquals(1, apply.exitCode(), "nothing to do on the hosts that answered is no proof for the one that did not: " + apply.out() + apply.err());
      assertFalse(apply.out().contains("No changes") || apply.out().contains("Nothing to apply"), apply.out());
      assertTrue(apply.out().contains("could not be compared on 1 host (gpu-7)"), apply.out());
      CliRun fromState = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", "--refresh=false", "--var-file", vars().toString(), lab().toString()));
      assertEquals(0, fromState.exitCode(), "--refresh=false plans from state alone: " + fromState.err());
      CliRun excluded = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", "--exclude", "gpu-7", "--var-file", vars().toString(), lab().toString()));
      assertEquals(0, excluded.exitCode(), "an excluded host is not asked: " + excluded.out() + excluded.err());
    } finally {
      hosts.up(2);
    }
  }

  static final String TAKEN = """
      file taken {
        path    = "/var/tmp/labc-contract-taken"
        content = "labc's\\n"
        on      = [head]
      }
      file fresh {
        path    = "/var/tmp/labc-contract-fresh"
        content = "new\\n"
        on      = [head]
      }
      line alive {
        path  = "/var/tmp/labc-contract-sshd"
        line  = "ClientAliveInterval 60"
        match = "^ClientAliveInterval "
        on    = [head]
      }
      """;

  @Test
  @Order(5)
  void whatLabcTookOverComesBackWhenTheDeclarationGoes(TestbedHosts hosts) throws Exception {
    assertTrue(hosts.ssh(1, "printf 'distribution motd\\n' > /var/tmp/labc-contract-taken && chmod 640 /var/tmp/labc-contract-taken"
        + " && chown nobody /var/tmp/labc-contract-taken && rm -f /var/tmp/labc-contract-fresh"
        + " && printf 'Port 22\\nClientAliveInterval 0\\nUsePAM yes\\n' > /var/tmp/labc-contract-sshd").ok());
    write(hosts, "fourth");
    Files.writeString(lab(), Files.readString(lab()) + TAKEN);
    CliRun apply = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--var-file", vars().toString(), lab().toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    var taken = hosts.ssh(1, "cat /var/tmp/labc-contract-taken /var/tmp/labc-contract-fresh /var/tmp/labc-contract-sshd; stat -c '%a %U' /var/lib/labc/originals");
    assertEquals("labc's\nnew\nPort 22\nClientAliveInterval 60\nUsePAM yes\n700 root\n", taken.stdout(), "written, and the originals kept where only root reads");
    // A second write (content changed) keeps the first original, never labc's own text.
    Files.writeString(lab(), Files.readString(lab()).replace("labc's\\n", "labc's, v2\\n"));
    assertEquals(0, CliRun.run(ssh(hosts, "apply", "--auto-approve", "--var-file", vars().toString(), lab().toString())).exitCode());

    write(hosts, "fourth");
    CliRun plan = CliRun.run(ssh(hosts, "plan", "--var-file", vars().toString(), lab().toString()));
    assertTrue(plan.out().contains("Plan: 0 to add, 0 to change, 3 to destroy."), plan.out());
    assertTrue(plan.out().contains("Of the resources to destroy, 2 put back what labc replaced"), plan.out());
    assertTrue(plan.out().contains("  node.head.file[\"/var/tmp/labc-contract-taken\"] restores the original\n"), plan.out());
    assertFalse(plan.out().contains("labc-contract-fresh\"] restores"), "a file labc created is just removed: " + plan.out());
    CliRun remove = CliRun.run(ssh(hosts, "apply", "--auto-approve", "--var-file", vars().toString(), lab().toString()));
    assertEquals(0, remove.exitCode(), remove.out() + remove.err());
    var back = hosts.ssh(1, "cat /var/tmp/labc-contract-taken; stat -c '%a %U' /var/tmp/labc-contract-taken; cat /var/tmp/labc-contract-sshd;"
        + " test -e /var/tmp/labc-contract-fresh && echo fresh-left || echo fresh-gone; ls -A /var/lib/labc/originals | wc -l");
    assertEquals("distribution motd\n640 nobody\nPort 22\nClientAliveInterval 0\nUsePAM yes\nfresh-gone\n1\n", back.stdout(),
        "the distribution's file (content, mode, owner) and line are back, the file labc created is gone, and of the kept"
        + " entries only the still declared motd's (it had none: a marker) is left");
  }
}
