package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * std/core's user-level `directory`, `package` and `command` kinds on two real hosts: a command
 * with `on_change` runs the first time, not on a re-apply, again when its file changed, and only
 * where that file changed; a `creates` command runs once.
 */
@Testbed(hosts = 2)
class HostPrimitivesOnTestbedTest {
  @TempDir Path dir;

  void writeLab(TestbedHosts hosts, String workersOnA, String workersOnB) throws Exception {
    Files.writeString(dir.resolve("cluster.lab"), """
        node a {
          address = %s
        }
        node b {
          address = %s
        }
        directory spool {
          path = "/var/spool/labc-test"
          mode = "0750"
        }
        // Already installed in every host's base system: present is a no-op, no network needed.
        package coreutils {}
        file app-a {
          path    = "/etc/labc-app.conf"
          content = "workers = %s\\n"
          on      = [a]
        }
        file app-b {
          path    = "/etc/labc-app.conf"
          content = "workers = %s\\n"
          on      = [b]
        }
        command restart-app-a {
          run       = "date +%%s%%N >> /var/spool/labc-test/restarts"
          on_change = [app-a]
          on        = [a]
        }
        command restart-app-b {
          run       = "date +%%s%%N >> /var/spool/labc-test/restarts"
          on_change = [app-b]
          on        = [b]
        }
        command marker {
          run     = "echo once >> /var/spool/labc-test/marker-runs; touch /var/spool/labc-test/marker"
          creates = "/var/spool/labc-test/marker"
        }
        """.formatted(hosts.host(1).address(), hosts.host(2).address(), workersOnA, workersOnB));
  }

  String[] cli(TestbedHosts hosts, String... args) {
    var all = new java.util.ArrayList<>(java.util.List.of(args));
    all.addAll(java.util.List.of("--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString(), dir.resolve("cluster.lab").toString()));
    return all.toArray(String[]::new);
  }

  int runs(TestbedHosts hosts, int i, String file) {
    var r = hosts.ssh(i, "wc -l < /var/spool/labc-test/" + file);
    assertTrue(r.ok(), r.toString());
    return Integer.parseInt(r.stdout().strip());
  }

  @Test
  void aCommandOnChangeRunsFirstThenOnlyWhereItsFileChanged(TestbedHosts hosts) throws Exception {
    writeLab(hosts, "4", "4");
    var first = CliRun.run(cli(hosts, "apply", "--auto-approve"));
    assertEquals(0, first.exitCode(), first.out() + first.err());
    var r = hosts.ssh(1, "stat -c %a /var/spool/labc-test; cat /etc/labc-app.conf");
    assertEquals("750\nworkers = 4\n", r.stdout(), r.toString());
    for (int i = 1; i <= 2; i++) {
      assertEquals(1, runs(hosts, i, "restarts"), "the handler ran once on first apply on host" + i);
      assertEquals(1, runs(hosts, i, "marker-runs"));
    }

    var noop = CliRun.run(cli(hosts, "plan", "--detailed-exitcode"));
    assertEquals(0, noop.exitCode(), noop.out() + noop.err());
    var again = CliRun.run(cli(hosts, "apply", "--auto-approve"));
    assertEquals(0, again.exitCode(), again.out() + again.err());
    for (int i = 1; i <= 2; i++) assertEquals(1, runs(hosts, i, "restarts"), "nothing changed, nothing ran on host" + i);

    writeLab(hosts, "8", "4");
    var plan = CliRun.run(cli(hosts, "plan"));
    assertTrue(plan.out().contains("node.a.command[\"restart-app-a\"]") && !plan.out().contains("node.b.command"), plan.out());
    var changed = CliRun.run(cli(hosts, "apply", "--auto-approve"));
    assertEquals(0, changed.exitCode(), changed.out() + changed.err());
    assertEquals(2, runs(hosts, 1, "restarts"), "a's file changed: its handler ran again");
    assertEquals(1, runs(hosts, 2, "restarts"), "b's file did not change");
    for (int i = 1; i <= 2; i++) assertEquals(1, runs(hosts, i, "marker-runs"), "a creates-guarded command runs once");
    assertEquals(0, CliRun.run(cli(hosts, "plan", "--detailed-exitcode")).exitCode());

    // A hand edit of b's file: the refresh finds it, apply puts it back, and that fires b's handler.
    assertTrue(hosts.ssh(2, "echo '# edited by hand' >> /etc/labc-app.conf").ok());
    var drift = CliRun.run(cli(hosts, "plan"));
    assertTrue(drift.out().contains("node.b.command[\"restart-app-b\"] (command) runs again: node.b.file[\"/etc/labc-app.conf\"] changes"), drift.out());
    assertTrue(!drift.out().contains("node.a."), drift.out());
    var restore = CliRun.run(cli(hosts, "apply", "--auto-approve"));
    assertEquals(0, restore.exitCode(), restore.out() + restore.err());
    assertEquals("workers = 4\n", hosts.ssh(2, "cat /etc/labc-app.conf").stdout());
    assertEquals(2, runs(hosts, 2, "restarts"), "putting b's file back fired b's handler");
    assertEquals(2, runs(hosts, 1, "restarts"));
    assertEquals(0, CliRun.run(cli(hosts, "plan", "--detailed-exitcode")).exitCode());
  }
}
