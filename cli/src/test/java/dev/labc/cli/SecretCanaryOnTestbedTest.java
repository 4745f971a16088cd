package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * A canary secret, given to a `secret` param, reaches the hosts where it belongs (slurm's MUNGE key
 * file, tailscale's TS_AUTHKEY command env) and nothing labc prints or keeps: plans (text, JSON,
 * saved), apply output (a failing apply whose command echoes the key included), state commands,
 * state files and git objects, diagnostics. Where the language refuses a secret (a file's path,
 * a package's name) the refusal does not quote it either.
 */
@Testbed(hosts = 2)
class SecretCanaryOnTestbedTest {
  @TempDir Path dir;

  /** Stands in for the tailscale package: dpkg knows it, and `up` records its arguments or, when told, rejects the key echoing it. */
  static final String FAKE_TAILSCALE = """
      printf '\\nPackage: tailscale\\nStatus: install ok installed\\nPriority: optional\\nSection: net\\nMaintainer: labc tests <tests@labc.invalid>\\nArchitecture: amd64\\nVersion: 1.0-test\\nDescription: stand-in for labc tests\\n' >> /var/lib/dpkg/status
      mkdir -p /var/lib/fake-tailscale
      cat > /usr/local/bin/tailscale <<'SH'
      #!/bin/sh
      case "$1" in
        status) [ -e /var/lib/fake-tailscale/up ] ;;
        up) if [ -e /var/lib/fake-tailscale/reject ]; then echo "backend error: invalid key: $2" >&2; exit 1; fi
            printf '%s\\n' "$@" > /var/lib/fake-tailscale/args && touch /var/lib/fake-tailscale/up ;;
        *) exit 2 ;;
      esac
      SH
      chmod 755 /usr/local/bin/tailscale
      """;

  CliRun labc(TestbedHosts hosts, String... args) {
    return CliRun.run(ApplyOnTestbedTest.ssh(hosts, args));
  }

  @Test
  void aCanaryReachesTheMungeKeyAndTailscaleOnTheHostsAndNothingLabcPrintsOrKeeps(TestbedHosts hosts) throws Exception {
    String canary = "CANARY-" + Long.toHexString(System.nanoTime()) + "-munge";
    var scan = new CanaryScan(canary);
    Files.writeString(dir.resolve("vars.lab"), "cluster_secret = \"" + canary + "\"\n");
    String vars = dir.resolve("vars.lab").toString();
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, """
        import "std/slurm" as slurm
        import "std/tailscale" as tailscale
        param cluster_secret: secret string = env("LABC_TEST_UNSET_CLUSTER_SECRET")
        node head {
          address = %s
          roles = [controller]
        }
        node "gpu-1" {
          address = %s
          roles = [worker]
        }
        slurm {
          controller = head
          workers    = nodes(role: worker)
          munge_key  = cluster_secret
          daemons    = false
        }
        tailscale {
          on       = [head]
          auth_key = cluster_secret
          tags     = ["tag:lab"]
        }
        """.formatted(hosts.host(1).address(), hosts.host(2).address()));
    // What the munge and tailscale packages would have set up (testbed hosts have no apt mirror,
    // so slurm's daemons are off and tailscale is a stand-in).
    for (int i = 1; i <= 2; i++) assertTrue(hosts.ssh(i, "id munge >/dev/null 2>&1 || useradd --system munge").ok());
    var fake = hosts.ssh(1, FAKE_TAILSCALE + "touch /var/lib/fake-tailscale/reject\n");
    assertTrue(fake.ok(), fake.toString());

    scan.add("plan", labc(hosts, "plan", "--var-file", vars, lab.toString()));
    scan.add("plan --format json", labc(hosts, "plan", "--format", "json", "--var-file", vars, lab.toString()));
    Path saved = dir.resolve("cluster.plan");
    CliRun out = labc(hosts, "plan", "--var-file", vars, "-out", saved.toString(), lab.toString());
    assertEquals(0, out.exitCode(), out.out() + out.err());
    scan.add("plan -out", out).add("saved plan", Files.readString(saved));
    scan.add("show (text)", CliRun.run("show", saved.toString())).add("show --format json", CliRun.run("show", "--format", "json", saved.toString()));

    // First apply: tailscale rejects the key and prints it; the report names the failure, not the key.
    CliRun failing = labc(hosts, "apply", "--var-file", vars, saved.toString());
    scan.add("failing apply", failing);
    assertEquals(1, failing.exitCode(), failing.out() + failing.err());
    assertTrue(failing.out().contains("failed node.head.command[\"tailscale-up\"]: exit 1: backend error: invalid key: --auth-key=(secret)"), failing.out());
    assertTrue(hosts.ssh(1, "rm /var/lib/fake-tailscale/reject").ok());

    CliRun apply = labc(hosts, "apply", "--auto-approve", "--var-file", vars, lab.toString());
    scan.add("apply", apply);
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    CliRun replan = labc(hosts, "plan", "--detailed-exitcode", "--var-file", vars, lab.toString());
    scan.add("refreshed plan", replan);
    assertEquals(0, replan.exitCode(), replan.out() + replan.err());

    CliRun list = CliRun.run("state", "list", lab.toString());
    scan.add("state list", list).add("state history", CliRun.run("state", "history", lab.toString()));
    var addresses = new ArrayList<String>(list.out().lines().map(l -> l.split("  ")[0]).toList());
    assertTrue(addresses.contains("node.head.file[\"/etc/munge/munge.key\"]") && addresses.contains("node.head.command[\"tailscale-up\"]"), list.out());
    for (String a : addresses) {
      CliRun show = CliRun.run("state", "show", lab.toString(), a);
      assertEquals(0, show.exitCode(), show.err());
      scan.add("state show " + a, show);
    }
    assertTrue(CliRun.run("state", "show", lab.toString(), "node.head.file[\"/etc/munge/munge.key\"]").out().contains("content = (secret)"));

    // Where the language refuses a secret (a path, a package name), the diagnostic does not quote it.
    for (String refused : List.of("file leak {\n  path    = \"/etc/${cluster_secret}\"\n  content = \"x\"\n}\n",
        "package leak {\n  name = lower(cluster_secret)\n}\n")) {
      Path bad = dir.resolve("refused.lab");
      Files.writeString(bad, "param cluster_secret: secret string = env(\"LABC_TEST_UNSET_CLUSTER_SECRET\")\n" + refused);
      for (String command : List.of("check", "plan")) {
        CliRun r = command.equals("plan") ? labc(hosts, command, "--var-file", vars, bad.toString())
            : CliRun.run(command, "--var-file", vars, bad.toString());
        assertNotEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("E0307") && r.err().contains("cannot hold a secret"), r.err());
        scan.add(command + " of a refused secret", r);
      }
    }

    int places = scan.stateDirectory(dir.resolve(".labstate")).assertAbsent();
    System.out.println("SecretCanaryOnTestbedTest: canary absent from " + places + " outputs, files and object dumps");

    // It did reach the hosts, where it belongs.
    for (int i = 1; i <= 2; i++) {
      assertEquals(canary, hosts.ssh(i, "cat /etc/munge/munge.key").stdout(), "host" + i + " has the MUNGE key");
      assertEquals("400 munge", hosts.ssh(i, "stat -c '%a %U' /etc/munge/munge.key").stdout().strip());
    }
    assertTrue(hosts.ssh(1, "cat /var/lib/fake-tailscale/args").stdout().contains("--auth-key=" + canary + "\n"), "tailscale up got the key");
    assertTrue(hosts.ssh(2, "test ! -e /var/lib/fake-tailscale/args").ok(), "tailscale runs only where declared");
  }
}
