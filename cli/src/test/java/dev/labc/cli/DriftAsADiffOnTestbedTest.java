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
 * Issue 21 point 4: a file changed by hand on the host is shown as recorded vs. found (a unified
 * diff of the content, old -> new for mode), in the plan, the saved plan and `labc show`; a secret
 * file changed by hand (MUNGE's key) shows that it changed, never what is in it.
 */
@Testbed(hosts = 1)
class DriftAsADiffOnTestbedTest {
  @TempDir static Path dir;

  @Test
  void aFileChangedByHandShowsRecordedVersusFoundAndASecretFileNeverItsContent(TestbedHosts hosts) throws Exception {
    String secret = "CANARY-" + Long.toHexString(System.nanoTime()) + "-munge";
    String handWritten = "HANDWRITTEN-" + Long.toHexString(System.nanoTime()) + "-key";
    Files.writeString(dir.resolve("vars.lab"), "cluster_secret = \"" + secret + "\"\n");
    String vars = dir.resolve("vars.lab").toString();
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, """
        import "std/slurm" as slurm
        param cluster_secret: secret string = env("LABC_TEST_UNSET_CLUSTER_SECRET")
        node head {
          address = %s
          roles = [controller, worker]
        }
        file motd {
          path    = "/etc/motd"
          content = "Closet cluster.\\nAsk in #lab before taking all GPUs.\\nBe nice.\\n"
        }
        slurm {
          controller = head
          workers    = nodes(role: worker)
          munge_key  = cluster_secret
          daemons    = false
        }
        """.formatted(hosts.host(1).address()));
    assertTrue(hosts.ssh(1, "id munge >/dev/null 2>&1 || useradd --system munge").ok());
    CliRun apply = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", "--var-file", vars, lab.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());

    // By hand on the host: one line of the motd and its mode; the key's content and mode.
    var edit = hosts.ssh(1, "sed -i 's/Ask in #lab/Ask in #general/' /etc/motd && chmod 600 /etc/motd"
        + " && printf '%s' '" + handWritten + "' > /etc/munge/munge.key && chmod 644 /etc/munge/munge.key");
    assertTrue(edit.ok(), edit.toString());

    Path saved = dir.resolve("drift.plan");
    CliRun plan = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--var-file", vars, "-out", saved.toString(), lab.toString()));
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    String json = Files.readString(saved);
    CliRun show = CliRun.run("show", saved.toString());
    CliRun markdown = CliRun.run("show", "--format", "markdown", saved.toString());
    for (String out : new String[] {plan.out(), show.out()}) {
      assertTrue(out.contains("node.head.file[\"/etc/motd\"] (file) was changed on the host"), out);
      assertTrue(out.contains("found on the host (recorded -> found):"), out);
      assertTrue(out.contains("-Ask in #lab before taking all GPUs.\n"), out);
      assertTrue(out.contains("+Ask in #general before taking all GPUs.\n"), out);
      assertTrue(out.contains("mode = \"0644\" -> \"0600\""), out);
      assertTrue(out.contains("content = (secret), not read from the host"), out);
      assertTrue(out.contains("mode = \"0400\" -> \"0644\""), "the key's mode, which the refresh can compare: " + out);
    }
    // In the PR comment the diff's markers stand in the first column, where GitHub colours them.
    assertTrue(markdown.out().contains("\n-            Ask in #lab before taking all GPUs.\n+            Ask in #general before taking all GPUs.\n"), markdown.out());
    assertTrue(json.contains("\"found\""), json);
    for (String text : new String[] {plan.out(), plan.err(), json, show.out(), markdown.out()}) {
      assertFalse(text.contains(handWritten), "what is in a secret file is never read into a plan: " + text);
      assertFalse(text.contains(secret), text);
    }

    CliRun repair = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--var-file", vars, saved.toString()));
    assertEquals(0, repair.exitCode(), repair.out() + repair.err());
    assertEquals("644 400\n", hosts.ssh(1, "stat -c %a /etc/motd /etc/munge/munge.key | tr '\\n' ' ' | sed 's/ $/\\n/'").stdout());
    CliRun again = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", "--var-file", vars, lab.toString()));
    assertEquals(0, again.exitCode(), again.out() + again.err());
  }
}
