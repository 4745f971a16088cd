package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.TestbedHosts;

/** What systemd on a testbed host says of a unit: tests tell a restart from a left-alone daemon by its main PID. */
final class SystemdUnits {
  private SystemdUnits() {}

  /** The running unit's main PID on host {@code host}; fails the test if it does not run. */
  static String mainPid(TestbedHosts hosts, int host, String unit) {
    var r = hosts.ssh(host, "systemctl show -p MainPID --value " + unit);
    assertTrue(r.ok() && !r.stdout().isBlank() && !r.stdout().equals("0\n"), unit + " runs: " + r);
    return r.stdout().strip();
  }
}
