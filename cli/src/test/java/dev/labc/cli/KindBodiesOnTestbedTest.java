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
 * A kind written in `.lab` alone, as a lab would from docs/language.md ("Kinds with bodies"): a
 * JupyterHub-shaped kind whose body declares a user, a config directory and file (with the node's
 * GPU count), a unit file and the service restarted when either changes; two instances on one
 * systemd host. The hosts have no network, so the unit's command is the `exec` field set to a
 * Python web server in place of JupyterHub itself (python3 is in every host's base system).
 */
@Testbed(hosts = 1, systemd = true)
class KindBodiesOnTestbedTest {
  @TempDir Path dir;

  static final String KIND = """
      /// A JupyterHub on one node: a user to run as, its config (from the node's GPUs), its unit,
      /// and the service, restarted when the config or the unit changes.
      @kind
      schema jupyterhub {
        on: node
        port: int(1..65535) = 8000
        uid: int(1000..60000) = 2000
        exec: string = "/usr/local/bin/jupyterhub -f /etc/jupyterhub/config.py"

        let account = "hub-${self.name}"
        let gpus    = on.gpu != null ? on.gpu.count : 0
        package python3 {
          on = [on]
        }
        user "${account}" {
          uid = uid
          on  = [on]
        }
        directory etc {
          path = "/etc/jupyterhub-${self.name}"
          on   = [on]
        }
        file config {
          path    = "/etc/jupyterhub-${self.name}/config.py"
          content = "c.JupyterHub.port = ${port}\\nc.Spawner.environment = {'CUDA_VISIBLE_DEVICES': '${join(",", [for i in 0..gpus - 1 : "${i}"])}'}\\n"
          on      = [on]
        }
        file unit {
          path    = "/etc/systemd/system/jupyterhub-${self.name}.service"
          content = "[Service]\\nUser=${account}\\nExecStart=${exec}\\n[Install]\\nWantedBy=multi-user.target\\n"
          on      = [on]
        }
        service "jupyterhub-${self.name}" {
          restart_on = [file.config, file.unit]
          after      = [user[account]]
          on         = [on]
        }
      }
      """;

  void writeLab(TestbedHosts hosts, int staffPort) throws Exception {
    Files.writeString(dir.resolve("cluster.lab"), KIND + """

        node gpu-1 {
          address = %s
          gpu {
            model = H100_SXM
            count = 2
          }
        }

        jupyterhub main {
          on   = gpu-1
          exec = "/usr/bin/python3 -m http.server 8000 --bind 127.0.0.1"
        }

        jupyterhub staff {
          on   = gpu-1
          port = %d
          uid  = 2001
          exec = "/usr/bin/python3 -m http.server %d --bind 127.0.0.1"
        }
        """.formatted(hosts.host(1).address(), staffPort, staffPort));
  }

  String[] cli(TestbedHosts hosts, String... args) {
    var all = new java.util.ArrayList<>(java.util.List.of(args));
    all.addAll(java.util.List.of("--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString(), dir.resolve("cluster.lab").toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void twoInstancesApplyThenTheSecondPlanIsEmptyAndAChangeRestartsOnlyItsService(TestbedHosts hosts) throws Exception {
    writeLab(hosts, 8001);
    var plan = CliRun.run(cli(hosts, "plan"));
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    for (String a : new String[] {"node.gpu-1.user[\"hub-main\"]", "node.gpu-1.user[\"hub-staff\"]", "node.gpu-1.file[\"/etc/jupyterhub-staff/config.py\"]",
        "node.gpu-1.service[\"jupyterhub-main\"]", "node.gpu-1.service[\"jupyterhub-staff\"]"}) {
      assertTrue(plan.out().contains(a), a + " in\n" + plan.out());
    }

    var first = CliRun.run(cli(hosts, "apply", "--auto-approve"));
    assertEquals(0, first.exitCode(), first.out() + first.err());
    var r = hosts.ssh(1, "cat /etc/jupyterhub-main/config.py; id -u hub-main; id -u hub-staff; systemctl is-active jupyterhub-main jupyterhub-staff;"
        + " ps -o user= -C python3 | sort | uniq");
    assertEquals("c.JupyterHub.port = 8000\nc.Spawner.environment = {'CUDA_VISIBLE_DEVICES': '0,1'}\n2000\n2001\nactive\nactive\nhub-main\nhub-staff\n",
        r.stdout(), r.toString());
    var noop = CliRun.run(cli(hosts, "plan", "--detailed-exitcode"));
    assertEquals(0, noop.exitCode(), "the second plan is empty:\n" + noop.out() + noop.err());

    // systemctl show puts a blank line between units.
    String[] before = hosts.ssh(1, "systemctl show -p MainPID --value jupyterhub-main jupyterhub-staff").stdout().strip().split("\\s+");
    writeLab(hosts, 8002);
    var change = CliRun.run(cli(hosts, "plan"));
    assertTrue(change.out().contains("node.gpu-1.file[\"/etc/jupyterhub-staff/config.py\"]") && !change.out().contains("jupyterhub-main"), change.out());
    var applied = CliRun.run(cli(hosts, "apply", "--auto-approve"));
    assertEquals(0, applied.exitCode(), applied.out() + applied.err());
    String[] pids = hosts.ssh(1, "systemctl show -p MainPID --value jupyterhub-main jupyterhub-staff").stdout().strip().split("\\s+");
    assertEquals(2, pids.length, String.join(" ", pids));
    assertEquals(before[0], pids[0], "main's service was not restarted");
    assertTrue(!before[1].equals(pids[1]), "staff's service was restarted: its config and unit changed");
    assertTrue(hosts.ssh(1, "ps -o args= -p " + pids[1]).stdout().contains("http.server 8002"), "staff runs the new unit's command");
    assertEquals(0, CliRun.run(cli(hosts, "plan", "--detailed-exitcode")).exitCode());
  }
}
