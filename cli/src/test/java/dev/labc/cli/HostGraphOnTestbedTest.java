package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph a lab writes converges in one apply (issue 19): programs from
 * {@link HostGraphProgramGenerator} (users and groups sharing names, directories and files owned
 * by them below each other, lines, commands with `after` and triggers, written in a shuffled
 * order) are applied to two real hosts; the first apply exits 0, the next refreshed plan has no
 * changes, and the hosts hold the declared owners, modes, contents, lines and command markers.
 * Each try has its own state and its own names and paths. A few tries in CI;
 * {@code -Dlabc.graphTries=50} (and {@code -Dlabc.graphSeed=...}) by hand. Seeded sampling inside
 * JUnit, as jqwik properties do not run the {@link Testbed} extension.
 */
@Testbed(hosts = 2)
class HostGraphOnTestbedTest {
  static final long SEED = Long.getLong("labc.graphSeed", 20261207L);
  static final int TRIES = Integer.getInteger("labc.graphTries", 3);

  @TempDir Path dir;

  @Test
  void generatedProgramsConvergeInOneApplyAndHostsHoldWhatWasDeclared(TestbedHosts hosts) throws Exception {
    for (int t = 0; t < TRIES; t++) {
      var g = HostGraphProgramGenerator.generate(SEED + t, t, hosts.host(1).address(), hosts.host(2).address());
      Path tryDir = Files.createDirectories(dir.resolve("try" + t));
      Path lab = tryDir.resolve("cluster.lab");
      Files.writeString(lab, g.lab());
      String context = "try " + t + " (seed " + (SEED + t) + "):\n" + g.lab();

      var apply = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
      assertEquals(0, apply.exitCode(), context + "\n" + apply.out() + apply.err());
      var plan = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
      assertEquals(0, plan.exitCode(), "the refreshed plan after one apply has no changes; " + context + "\n" + plan.out() + plan.err());

      for (var e : g.paths()) {
        int host = e.node().equals("a") ? 1 : 2;
        var stat = hosts.ssh(host, "stat -c '%a %U %G' " + e.path());
        assertEquals(e.stat() + "\n", stat.stdout(), e.node() + ":" + e.path() + "; " + context);
        if (e.content() != null) assertEquals(e.content(), hosts.ssh(host, "cat " + e.path()).stdout(), context);
      }
      for (var l : g.lines()) {
        int host = l.node().equals("a") ? 1 : 2;
        var r = hosts.ssh(host, "grep -cxF '" + l.line() + "' " + l.path());
        assertEquals("1\n", r.stdout(), l.node() + ":" + l.path() + "; " + context);
      }
      for (String m : g.markers()) {
        int host = m.startsWith("a:") ? 1 : 2;
        assertTrue(hosts.ssh(host, "test -e " + m.substring(2)).ok(), m + "; " + context);
      }
    }
  }

  /** A chown, chgrp or chmod by hand is drift, like an edit of the content: the refresh finds it, apply puts it back. */
  @Test
  void ownerGroupAndModeChangedByHandAreDriftAndApplyPutsThemBack(TestbedHosts hosts) throws Exception {
    Path lab = dir.resolve("drift.lab");
    Files.writeString(lab, """
        node a {
          address = %s
        }
        group research-d {
          gid = 21901
        }
        user alice-d {
          uid = 21902
        }
        directory shared {
          path  = "/srv/labc-graph-drift/shared"
          owner = "alice-d"
          group = "research-d"
          mode  = "2775"
        }
        file notes {
          path    = "/srv/labc-graph-drift/shared/notes.txt"
          content = "notes\\n"
          owner   = "alice-d"
          group   = "research-d"
          mode    = "0640"
        }
        """.formatted(hosts.host(1).address()));
    var first = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertEquals(0, CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString())).exitCode());
    for (String edit : List.of("chown root /srv/labc-graph-drift/shared", "chgrp root /srv/labc-graph-drift/shared/notes.txt",
        "chmod g-s /srv/labc-graph-drift/shared", "chmod 0644 /srv/labc-graph-drift/shared/notes.txt")) {
      assertTrue(hosts.ssh(1, edit).ok(), edit);
      var plan = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
      assertEquals(2, plan.exitCode(), edit + " is drift:\n" + plan.out() + plan.err());
      assertEquals(0, CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString())).exitCode(), edit);
      assertEquals("2775 alice-d research-d\n640 alice-d research-d\n",
          hosts.ssh(1, "stat -c '%a %U %G' /srv/labc-graph-drift/shared /srv/labc-graph-drift/shared/notes.txt").stdout(), "after " + edit);
      assertEquals(0, CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString())).exitCode(), "converged after " + edit);
    }
  }
}
