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
 * std/core's `package` against a real apt: a local package source made on the host (in its own
 * overlay; nothing is fetched), packages that come one after another in a host's batch installed
 * by one apt-get, and a package apt cannot find failing alone with apt's reason.
 */
@Testbed(hosts = 1)
class PackagesOnTestbedTest {
  @TempDir Path dir;

  /** Three one-file packages and a flat repository with a hand-made index; apt knows only it. */
  private static final String LOCAL_SOURCE = """
      set -e
      repo=/var/tmp/labc-test-repo; rm -rf "$repo"; mkdir -p "$repo"; cd "$repo"; : > Packages
      for p in a b c d; do
        n=labc-t-$p; mkdir -p "b/$n/DEBIAN" "b/$n/usr/share/labc-t"
        printf 'Package: %s\\nVersion: 1.0\\nArchitecture: all\\nMaintainer: t <t@localhost>\\nDescription: test %s\\n' "$n" "$p" > "b/$n/DEBIAN/control"
        echo "$p" > "b/$n/usr/share/labc-t/$n"
        dpkg-deb -Zgzip --root-owner-group --build "b/$n" "${n}_1.0_all.deb" >/dev/null
        { cat "b/$n/DEBIAN/control"; echo "Filename: ./${n}_1.0_all.deb"; echo "Size: $(stat -c %s "${n}_1.0_all.deb")"
          echo "SHA256: $(sha256sum < "${n}_1.0_all.deb" | cut -d' ' -f1)"; echo; } >> Packages
      done
      rm -rf b /etc/apt/sources.list /etc/apt/sources.list.d/*
      echo "deb [trusted=yes] file:$repo ./" > /etc/apt/sources.list.d/labc-test.list
      apt-get update -qq >/dev/null 2>&1
      : > /var/log/apt/history.log
      """;

  private String[] cli(TestbedHosts hosts, String... args) {
    var all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString(), dir.resolve("cluster.lab").toString()));
    return all.toArray(String[]::new);
  }

  private void writeLab(TestbedHosts hosts, String... packages) throws Exception {
    var lab = new StringBuilder("node a {\n  address = " + hosts.host(1).address() + "\n}\n");
    for (String p : packages) lab.append("package ").append(p).append(" {}\n");
    Files.writeString(dir.resolve("cluster.lab"), lab.toString());
  }

  @Test
  void packagesInARowAreInstalledByOneAptGetAndAMissingOneFailsAlone(TestbedHosts hosts) throws Exception {
    var source = hosts.ssh(1, LOCAL_SOURCE);
    assertTrue(source.ok(), source.toString());

    writeLab(hosts, "labc-t-a", "labc-t-b", "labc-t-c");
    var first = CliRun.run(cli(hosts, "apply", "--auto-approve"));
    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertEquals("3", hosts.ssh(1, "dpkg-query -W -f='${Status}\\n' labc-t-a labc-t-b labc-t-c | grep -c 'ok installed'").stdout().strip());
    var history = hosts.ssh(1, "grep '^Commandline:' /var/log/apt/history.log").stdout();
    assertEquals(1, history.lines().count(), "one apt-get for the three: " + history);
    assertTrue(history.contains("labc-t-a") && history.contains("labc-t-b") && history.contains("labc-t-c"), history);

    var again = CliRun.run(cli(hosts, "plan", "--detailed-exitcode"));
    assertEquals(0, again.exitCode(), "installed packages check clean: " + again.out() + again.err());

    // labc-t-d sorts before labc-t-missing: the shared apt-get fails for both, d installs on its own.
    writeLab(hosts, "labc-t-a", "labc-t-b", "labc-t-c", "labc-t-d", "labc-t-missing");
    var second = CliRun.run(cli(hosts, "apply", "--auto-approve"));
    assertEquals(1, second.exitCode(), second.out() + second.err());
    assertTrue(second.out().contains("failed node.a.package[\"labc-t-missing\"]") && second.out().contains("Unable to locate package"), second.out());
    assertTrue(hosts.ssh(1, "dpkg-query -W -f='${Status}' labc-t-d").stdout().endsWith("ok installed"));
    var plan = CliRun.run(cli(hosts, "plan"));
    assertTrue(plan.out().contains("node.a.package[\"labc-t-missing\"]") && !plan.out().contains("node.a.package[\"labc-t-d\"]"),
        "only the missing package is left to do: " + plan.out());
  }
}
