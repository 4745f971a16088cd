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
 * A daemon that dies right after `systemctl start` fails its service step (seen with slurmd: the
 * apply said done while slurmd had failed), quoting the daemon's journal; once the lab fixes the
 * unit, the next apply converges. Healthy units, simple and oneshot, still pass.
 */
@Testbed(hosts = 1, systemd = true)
class ServiceThatDiesOnTestbedTest {
  // It prints its environment file first: the secret in it must reach the report redacted.
  static final String BROKEN = "ExecStart=/bin/sh -c 'cat /etc/crashy.env >&2; echo crashy: fatal: no NodeName matches this host >&2; exit 1'";
  static final String FIXED = "ExecStart=/bin/sh -c 'echo crashy: ready; exec sleep infinity'";

  static String lab(String exec) {
    return """
        param addr: ip = 127.0.10.1
        param token: secret string = env("LABC_TEST_UNSET_CRASHY_TOKEN")

        node n {
          address = addr
        }

        file crashy-env {
          path    = "/etc/crashy.env"
          mode    = "0600"
          content = "TOKEN=${token}\\n"
        }

        file crashy-unit {
          path    = "/etc/systemd/system/crashy.service"
          content = <<EOT
            [Service]
            %s
            [Install]
            WantedBy=multi-user.target
            EOT
        }

        service crashy {
          restart_on = [file.crashy-unit]
        }

        file steady-unit {
          path    = "/etc/systemd/system/steady.service"
          content = "[Service]\\nExecStart=/bin/sleep infinity\\n[Install]\\nWantedBy=multi-user.target\\n"
        }

        service steady {
          restart_on = [file.steady-unit]
        }

        // A oneshot that stays active after its command: it counts as running.
        file once-unit {
          path    = "/etc/systemd/system/once.service"
          content = "[Service]\\nType=oneshot\\nRemainAfterExit=yes\\nExecStart=/bin/true\\n[Install]\\nWantedBy=multi-user.target\\n"
        }

        service once {
          restart_on = [file.once-unit]
        }
        """.formatted(exec);
  }

  @TempDir Path dir;

  CliRun labc(TestbedHosts hosts, String command, String... extra) {
    var all = new ArrayList<>(List.of(command));
    all.addAll(List.of(extra));
    all.addAll(List.of("--var-file", dir.resolve("vars.lab").toString(), "--var", "addr=" + hosts.host(1).address(), "--known-hosts", hosts.knownHosts().toString(),
        "-i", hosts.clientKey().toString(), dir.resolve("cluster.lab").toString()));
    return CliRun.run(all.toArray(String[]::new));
  }

  @Test
  void aDaemonThatDiesAtOnceFailsTheApplyWithItsJournalAndTheFixedUnitConverges(TestbedHosts hosts) throws Exception {
    String token = "CANARY-" + Long.toHexString(System.nanoTime()) + "-token";
    Files.writeString(dir.resolve("vars.lab"), "token = \"" + token + "\"\n");
    Files.writeString(dir.resolve("cluster.lab"), lab(BROKEN));
    CliRun broken = labc(hosts, "apply", "--auto-approve");
    String said = broken.out() + broken.err();
    assertEquals(1, broken.exitCode(), said);
    assertTrue(said.contains("service[\"crashy\"]"), "names the service: " + said);
    assertTrue(said.contains("its journal: (secret) | crashy: fatal: no NodeName matches this host"), "quotes its journal: " + said);
    assertFalse(said.contains(token), "never the secret: " + said);
    assertTrue(hosts.ssh(1, "systemctl is-failed -q crashy").ok(), "the daemon did die");

    // The failed step is recorded as failed: the plan still has it to do.
    CliRun pending = labc(hosts, "plan", "--detailed-exitcode");
    assertEquals(2, pending.exitCode(), pending.out() + pending.err());
    assertTrue(pending.out().contains("service[\"crashy\"]"), pending.out());

    Files.writeString(dir.resolve("cluster.lab"), lab(FIXED));
    CliRun fixed = labc(hosts, "apply", "--auto-approve");
    assertEquals(0, fixed.exitCode(), fixed.out() + fixed.err());
    var active = hosts.ssh(1, "systemctl is-active crashy steady once");
    assertEquals("active\nactive\nactive\n", active.stdout(), active::toString);

    CliRun after = labc(hosts, "plan", "--detailed-exitcode");
    assertEquals(0, after.exitCode(), after.out() + after.err());
    assertFalse(after.out().contains("service["), after.out());
  }
}
