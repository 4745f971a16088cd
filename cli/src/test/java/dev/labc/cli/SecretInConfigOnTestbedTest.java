package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database password inside rendered config, as a lab writes it: a JSON file from `to_json`, an
 * INI file from a template whose `vars` hold it, and a command's environment from `format`. The
 * host gets the real text; plans (text and JSON), apply's output (a failing command that prints
 * the password included), state commands, state files and git objects never hold it; and a new
 * password shows in the plan as a change to those files, without either value.
 */
@Testbed(hosts = 1)
class SecretInConfigOnTestbedTest {
  @TempDir Path dir;

  CliRun labc(TestbedHosts hosts, String... args) {
    return CliRun.run(ApplyOnTestbedTest.ssh(hosts, args));
  }

  private String lab(TestbedHosts hosts) {
    return """
        param db_password: secret string = env("LABC_TEST_UNSET_DB_PASSWORD")
        node head {
          address = %s
        }
        file app-json {
          path    = "/etc/labc-app.json"
          mode    = "0600"
          content = to_json({ host = "db-1", port = 5432, password = db_password })
        }
        file app-ini {
          path     = "/etc/labc-app.ini"
          mode     = "0600"
          template = "app.ini.peb"
          vars     = { user = "app", password = db_password }
        }
        command db_url {
          run     = "umask 077; printf '%%s' \\"$DB_URL\\" > /root/labc-db-url"
          creates = "/root/labc-db-url"
          env     = { DB_URL = format("postgres://app:%%s@db-1/app", db_password) }
        }
        """.formatted(hosts.host(1).address());
  }

  /**
   * A command that fails printing the password it cut out of a URL made with `format`, in a lab of
   * its own (its state apart): apply redacts the secret a value was made from, not only the value.
   */
  private static String leaky(TestbedHosts hosts) {
    return """
        param db_password: secret string = env("LABC_TEST_UNSET_DB_PASSWORD")
        node head {
          address = %s
        }
        command leaky {
          run     = "echo \\"login failed for password $(printf %%s \\"$DB_URL\\" | cut -d: -f3 | cut -d@ -f1)\\" >&2; exit 1"
          creates = "/root/labc-never"
          env     = { DB_URL = format("postgres://app:%%s@db-1/app", db_password) }
        }
        """.formatted(hosts.host(1).address());
  }

  @Test
  void aPasswordInRenderedConfigReachesTheHostAndNothingLabcPrintsOrKeeps(TestbedHosts hosts) throws Exception {
    String password = "CANARY-" + Long.toHexString(System.nanoTime()) + "-db";
    var scan = new CanaryScan(password);
    Path vars = dir.resolve("vars.lab");
    Files.writeString(vars, "db_password = \"" + password + "\"\n");
    Files.writeString(dir.resolve("app.ini.peb"), "[db]\nuser = {{ vars.user }}\npassword = {{ vars.password }}\n");
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, lab(hosts));

    CliRun json = labc(hosts, "plan", "--format", "json", "--var-file", vars.toString(), lab.toString());
    assertEquals(0, json.exitCode(), json.out() + json.err());
    scan.add("plan --format json", json);
    assertTrue(json.out().contains("\"$secret\""), "the plan records digests: " + json.out());
    CliRun plan = labc(hosts, "plan", "--var-file", vars.toString(), lab.toString());
    scan.add("plan", plan);
    assertTrue(plan.out().contains("+ content = (secret)") && plan.out().contains("DB_URL = (secret)"), plan.out());

    // The failing command prints the password on stderr; the report shows (secret) in its place.
    Path leakyDir = Files.createDirectories(dir.resolve("leaky"));
    Path leakyLab = leakyDir.resolve("leaky.lab");
    Files.writeString(leakyLab, leaky(hosts));
    CliRun failing = labc(hosts, "apply", "--auto-approve", "--var-file", vars.toString(), leakyLab.toString());
    scan.add("failing apply", failing);
    assertEquals(1, failing.exitCode(), failing.out() + failing.err());
    assertTrue(failing.out().contains("login failed for password (secret)"), failing.out());
    scan.stateDirectory(leakyDir.resolve(".labstate"));

    CliRun apply = labc(hosts, "apply", "--auto-approve", "--var-file", vars.toString(), lab.toString());
    scan.add("apply", apply);
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    CliRun replan = labc(hosts, "plan", "--detailed-exitcode", "--var-file", vars.toString(), lab.toString());
    scan.add("plan after apply", replan);
    assertEquals(0, replan.exitCode(), "converged: " + replan.out() + replan.err());

    // The host has the real text.
    assertEquals("{\"host\":\"db-1\",\"password\":\"" + password + "\",\"port\":5432}", hosts.ssh(1, "cat /etc/labc-app.json").stdout());
    assertEquals("[db]\nuser = app\npassword = " + password + "\n", hosts.ssh(1, "cat /etc/labc-app.ini").stdout());
    assertEquals("postgres://app:" + password + "@db-1/app", hosts.ssh(1, "cat /root/labc-db-url").stdout());

    // A new password: the plan changes both files (by digest), and prints neither value.
    String next = password.replace("-db", "-rotated");
    Files.writeString(vars, "db_password = \"" + next + "\"\n");
    CliRun rotated = labc(hosts, "plan", "--detailed-exitcode", "--var-file", vars.toString(), lab.toString());
    scan.add("plan after rotation", rotated);
    assertEquals(2, rotated.exitCode(), rotated.out() + rotated.err());
    assertTrue(rotated.out().contains("~   node.head.file[\"/etc/labc-app.json\"]") && rotated.out().contains("~   node.head.file[\"/etc/labc-app.ini\"]"), rotated.out());
    assertFalse(rotated.out().contains(next), rotated.out());

    CliRun list = CliRun.run("state", "list", lab.toString());
    scan.add("state list", list);
    for (String a : list.out().lines().map(l -> l.split("  ")[0]).toList()) scan.add("state show " + a, CliRun.run("state", "show", lab.toString(), a));
    int places = scan.stateDirectory(dir.resolve(".labstate")).assertAbsent();
    System.out.println("SecretInConfigOnTestbedTest: the password is absent from " + places + " outputs, files and object dumps");
  }
}
