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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23's "done when": a JupyterHub kind declared in `.lab` alone (resources/jupyterhub-module:
 * a package, the config from a template with the node's GPU count, the unit from a template, the
 * service restarted when either changes, nginx in front through std/nginx), in a module imported
 * twice with different params, planned and applied on a systemd host with the real nginx. The
 * hosts have no network, so the hub's command is a Python web server over a page naming the hub.
 */
@Testbed(hosts = 1, systemd = true)
class JupyterHubOnTestbedTest {
  static final Path MODULE = ExampleGraphTest.ROOT.resolve("cli/src/test/resources/jupyterhub-module");

  @TempDir Path dir;

  void writeLab(TestbedHosts hosts, int staffPort) throws Exception {
    Path hub = Files.createDirectories(dir.resolve("hub"));
    try (Stream<Path> files = Files.list(MODULE)) {
      for (Path f : files.toList()) Files.copy(f, hub.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(dir.resolve("cluster.lab"), """
        node gpu-1 {
          address = %s
          gpu {
            model = H100_SXM
            count = 2
          }
        }

        import "./hub/site.lab" as main {
          on     = gpu-1
          port   = 8000
          listen = 80
        }
        import "./hub/site.lab" as staff {
          on             = gpu-1
          port           = %d
          listen         = 8080
          default_server = false
        }
        """.formatted(hosts.host(1).address(), staffPort));
  }

  CliRun labc(TestbedHosts hosts, String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString(), dir.resolve("cluster.lab").toString()));
    return CliRun.run(all.toArray(String[]::new));
  }

  static String pid(TestbedHosts hosts, String unit) { return SystemdUnits.mainPid(hosts, 1, unit); }

  String throughNginx(TestbedHosts hosts, int port) {
    var r = hosts.ssh(1, "curl -sS --retry 5 --retry-connrefused --retry-delay 1 http://127.0.0.1:" + port + "/");
    assertTrue(r.ok(), r::toString);
    return r.stdout();
  }

  @Test
  void aHubKindWrittenInLabRunsTwiceBehindNginxAndAChangeRestartsOnlyItsHub(TestbedHosts hosts) throws Exception {
    writeLab(hosts, 8001);
    CliRun first = labc(hosts, "apply", "--auto-approve");
    assertEquals(0, first.exitCode(), first.out() + first.err());

    assertEquals("hub main.hub on gpu-1\n", throughNginx(hosts, 80));
    assertEquals("hub staff.hub on gpu-1\n", throughNginx(hosts, 8080));
    var r = hosts.ssh(1, "grep CUDA /etc/jupyterhub/staff.hub/jupyterhub_config.py; id -u jupyterhub; ps -o user= -C python3 | sort -u");
    assertEquals("c.Spawner.environment = {'CUDA_VISIBLE_DEVICES': '0,1'}\n2000\njupyterhub\n", r.stdout(), r::toString);
    CliRun noop = labc(hosts, "plan", "--detailed-exitcode");
    assertEquals(0, noop.exitCode(), "the second plan is empty:\n" + noop.out() + noop.err());

    String main = pid(hosts, "jupyterhub-main.hub");
    String staff = pid(hosts, "jupyterhub-staff.hub");
    writeLab(hosts, 8002);
    CliRun plan = labc(hosts, "plan");
    assertTrue(plan.out().contains("node.gpu-1.file[\"/etc/jupyterhub/staff.hub/jupyterhub_config.py\"]")
        && !plan.out().contains("/etc/jupyterhub/main.hub/"), plan.out());
    CliRun changed = labc(hosts, "apply", "--auto-approve");
    assertEquals(0, changed.exitCode(), changed.out() + changed.err());
    assertEquals(main, pid(hosts, "jupyterhub-main.hub"), "main's hub left running");
    assertNotEquals(staff, pid(hosts, "jupyterhub-staff.hub"), "staff's hub restarted on its new config and unit");
    // nginx was reloaded with staff's new upstream: the new port answers through it.
    assertEquals("hub staff.hub on gpu-1\n", throughNginx(hosts, 8080));
    assertEquals(0, labc(hosts, "plan", "--detailed-exitcode").exitCode());
  }
}
