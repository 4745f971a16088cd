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
 * Issue 22 point 5: the daemons start from what labc writes, on a systemd host with the real
 * nginx and OpenSSH. nginx proxies a request through labc's site to a backend on the host; sshd
 * reloads after the RKE example's `line`s and takes labc's next connection; a service whose file
 * changed is really restarted (its PID changes) and one whose file did not is left running.
 */
@Testbed(hosts = 1, systemd = true)
class DaemonsOnTestbedTest {
  static final String LAB = """
      import "std/nginx" as nginx

      param addr: ip = 127.0.10.1
      param greeting: string = "hello"

      node web {
        address = addr
      }

      // A backend on the host: Python's HTTP server over one page, as a unit labc writes.
      file www-index {
        path    = "/srv/www/index.html"
        content = "backend on ${node.web.address}\\n"
      }

      file backend-unit {
        path    = "/etc/systemd/system/backend.service"
        content = <<EOT
          [Unit]
          Description=demo backend
          [Service]
          ExecStart=/usr/bin/python3 -m http.server 8338 --bind 127.0.0.1 --directory /srv/www
          [Install]
          WantedBy=multi-user.target
          EOT
      }

      service backend {
        restart_on = [file.backend-unit]
        after      = [file.www-index]
      }

      nginx_proxy site {
        on       = web
        upstream = "http://127.0.0.1:8338"
      }

      // Two small daemons: `greeter` reads greeter.conf and restarts when it changes; `bystander` does not.
      file greeter-conf {
        path    = "/etc/greeter.conf"
        content = "${greeting}\\n"
      }

      file greeter-unit {
        path    = "/etc/systemd/system/greeter.service"
        content = "[Service]\\nExecStart=/bin/sh -c 'cat /etc/greeter.conf; exec sleep infinity'\\n[Install]\\nWantedBy=multi-user.target\\n"
      }

      file bystander-unit {
        path    = "/etc/systemd/system/bystander.service"
        content = "[Service]\\nExecStart=/bin/sleep infinity\\n[Install]\\nWantedBy=multi-user.target\\n"
      }

      service greeter {
        restart_on = [file.greeter-conf, file.greeter-unit]
      }

      service bystander {
        restart_on = [file.bystander-unit]
      }

      // The RKE example's sshd lines, and the reload that makes sshd read them.
      line ssh-no-passwords {
        path  = "/etc/ssh/sshd_config"
        line  = "PasswordAuthentication no"
        match = "^#?PasswordAuthentication"
      }

      line ssh-root-keys-only {
        path  = "/etc/ssh/sshd_config"
        line  = "PermitRootLogin prohibit-password"
        match = "^#?PermitRootLogin"
      }

      service ssh {
        restart_on = [line.ssh-no-passwords, line.ssh-root-keys-only]
        reload     = true
      }
      """;

  @TempDir Path dir;

  CliRun labc(TestbedHosts hosts, String... extra) {
    var all = new ArrayList<>(List.of("apply", "--auto-approve", "--var", "addr=" + hosts.host(1).address()));
    all.addAll(List.of(extra));
    all.addAll(List.of("--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString(), dir.resolve("cluster.lab").toString()));
    return CliRun.run(all.toArray(String[]::new));
  }

  static String pid(TestbedHosts hosts, String unit) { return SystemdUnits.mainPid(hosts, 1, unit); }

  @Test
  void daemonsRunFromLabcsFilesAndRestartOnlyWhenTheirFilesChange(TestbedHosts hosts) throws Exception {
    Files.writeString(dir.resolve("cluster.lab"), LAB);
    long sighupsBefore = Files.readAllLines(hosts.sshdLog(1)).stream().filter(l -> l.contains("Received SIGHUP")).count();
    CliRun first = labc(hosts);
    assertEquals(0, first.exitCode(), first.out() + first.err());

    // nginx, reloaded with labc's site, proxies to the backend.
    var curl = hosts.ssh(1, "curl -sS --retry 5 --retry-connrefused --retry-delay 1 http://127.0.0.1/");
    assertEquals("backend on " + hosts.host(1).address() + "\n", curl.stdout(), curl::toString);
    var via = hosts.ssh(1, "curl -sS -o /dev/null -w '%{http_code}' http://127.0.0.1/missing; tail -n1 /var/log/nginx/access.log");
    assertTrue(via.stdout().startsWith("404") && via.stdout().contains("GET /missing"), "answered through nginx: " + via);

    // sshd was reloaded (SIGHUP, same daemon) and takes the next connection.
    long sighups = Files.readAllLines(hosts.sshdLog(1)).stream().filter(l -> l.contains("Received SIGHUP")).count();
    assertEquals(sighupsBefore + 1, sighups, "one reload of sshd for the changed lines");
    assertEquals("PasswordAuthentication no\nPermitRootLogin prohibit-password\n",
        hosts.ssh(1, "grep -E '^(PasswordAuthentication|PermitRootLogin)' /etc/ssh/sshd_config | sort").stdout());

    String greeter = pid(hosts, "greeter");
    String bystander = pid(hosts, "bystander");
    String sshd = pid(hosts, "ssh");

    // Nothing changed: nothing restarts (and labc's connection after the reload works).
    CliRun again = labc(hosts);
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertEquals(greeter, pid(hosts, "greeter"));
    assertEquals(bystander, pid(hosts, "bystander"));

    // greeter.conf changes: greeter restarts and reads it; bystander and sshd keep running as they were.
    CliRun changed = labc(hosts, "--var", "greeting=bonjour");
    assertEquals(0, changed.exitCode(), changed.out() + changed.err());
    assertNotEquals(greeter, pid(hosts, "greeter"), "greeter restarted");
    assertEquals(bystander, pid(hosts, "bystander"), "bystander left alone");
    assertEquals(sshd, pid(hosts, "ssh"), "sshd neither restarted nor reloaded again");
    assertEquals(sighups, Files.readAllLines(hosts.sshdLog(1)).stream().filter(l -> l.contains("Received SIGHUP")).count());
    var log = hosts.ssh(1, "journalctl -u greeter --no-pager -o cat | grep -E '^(hello|bonjour)$'");
    assertEquals("hello\nbonjour\n", log.stdout(), "each start read the file it found: " + log);
  }
}
