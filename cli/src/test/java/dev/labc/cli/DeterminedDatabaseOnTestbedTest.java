package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.shell.ShellQuote;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 point 5: std/determined's master database on Debian's real PostgreSQL 15 (installed on
 * the machine, so in every testbed host; the testbed masks postgresql.service, which this test
 * unmasks in its own host). labc installs and starts PostgreSQL and creates Determined's role and
 * database; a password login over TCP then works, a wrong password is refused, a second apply
 * changes nothing, and the password (with a quote SQL must double) is in no output or state.
 * Only the database's resources are targeted: Determined's own packages come from GitHub, which
 * testbed hosts cannot reach.
 */
@Testbed(hosts = 1, systemd = true)
class DeterminedDatabaseOnTestbedTest {
  static final String LAB = """
      import "std/determined"

      param addr: ip = 127.0.10.1
      param db_password: secret string = env("DET_DB_PASSWORD")

      node master {
        address = addr
      }

      determined {
        master      = master
        agents      = []
        version     = "0.38.0"
        db_password = db_password
      }
      """;

  static final List<String> DATABASE = List.of("node.master.package[\"postgresql\"]", "node.master.service[\"postgresql\"]",
      "node.master.command[\"determined-db\"]");

  @TempDir Path dir;

  CliRun labc(TestbedHosts hosts, String password, String... args) {
    var all = new ArrayList<>(List.of(args));
    for (String t : DATABASE) all.addAll(List.of("--target", t));
    all.addAll(List.of("--var", "addr=" + hosts.host(1).address(), "--known-hosts", hosts.knownHosts().toString(),
        "-i", hosts.clientKey().toString(), dir.resolve("cluster.lab").toString()));
    return CliRun.runWithEnv(Map.of("DET_DB_PASSWORD", password), all.toArray(String[]::new));
  }

  @Test
  void theMasterDatabaseTakesDeterminedsLoginAndThePasswordStaysSecret(TestbedHosts hosts) throws Exception {
    Files.writeString(dir.resolve("cluster.lab"), LAB);
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String password = "it's-" + HexFormat.of().formatHex(random);
    var scan = new CanaryScan(password);
    assertTrue(hosts.ssh(1, "systemctl unmask postgresql.service").ok());

    CliRun plan = labc(hosts, password, "plan");
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    scan.add("plan", plan);
    assertTrue(plan.out().contains("node.master.command[\"determined-db\"]"), plan.out());
    CliRun apply = labc(hosts, password, "apply", "--auto-approve");
    scan.add("apply", apply);
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());

    // Determined's login, as its master.yaml and drop-in give it: over TCP with the password.
    String login = "PGPASSWORD=%s psql -h 127.0.0.1 -U determined -d determined -tAc 'SELECT current_user, current_database()'";
    var ok = hosts.ssh(1, login.formatted(ShellQuote.quote(password)));
    assertEquals("determined|determined\n", ok.stdout(), ok::toString);
    var owner = hosts.ssh(1, "runuser -u postgres -- psql -tAc \"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'determined'\"");
    assertEquals("determined\n", owner.stdout(), owner::toString);
    var wrong = hosts.ssh(1, login.formatted("not-" + HexFormat.of().formatHex(random)));
    assertFalse(wrong.ok(), "a wrong password is refused: " + wrong);
    assertTrue(wrong.stderr().contains("password authentication failed for user \"determined\""), wrong::toString);

    // The role exists: the next plan has nothing to do.
    CliRun again = labc(hosts, password, "plan", "--detailed-exitcode");
    scan.add("second plan", again);
    assertEquals(0, again.exitCode(), again.out() + again.err());

    CliRun list = CliRun.run("state", "list", dir.resolve("cluster.lab").toString());
    scan.add("state list", list);
    scan.add("state show", CliRun.run("state", "show", dir.resolve("cluster.lab").toString(), "node.master.command[\"determined-db\"]"));
    int places = scan.stateDirectory(dir.resolve(".labstate")).assertAbsent();
    assertTrue(places > 5, "scanned " + places);
  }
}
