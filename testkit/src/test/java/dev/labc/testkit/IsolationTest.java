package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
@Testbed(hosts = 2)
class IsolationTest {

    @Test
    void eachHostAnswersWithItsOwnNameAndMachineId(TestbedHosts hosts) {
        var one = hosts.ssh(1, "hostname; cat /etc/machine-id");
        var two = hosts.ssh(2, "hostname; cat /etc/machine-id");
        assertTrue(one.ok(), one::toString);
        assertTrue(two.ok(), two::toString);
        assertTrue(one.stdout().startsWith("host1\n"), one.stdout());
        assertTrue(two.stdout().startsWith("host2\n"), two.stdout());
        assertNotEquals(one.stdout().lines().skip(1).findFirst(), two.stdout().lines().skip(1).findFirst());
    }

    @Test
    void fileWrittenOnOneHostIsAbsentOnTheOtherAndOnTheMachine(TestbedHosts hosts) {
        var path = "/etc/labc-isolation-" + UUID.randomUUID();
        assertTrue(hosts.ssh(1, "echo written > " + path).ok());
        assertEquals("written\n", hosts.ssh(1, "cat " + path).stdout());
        assertEquals(1, hosts.ssh(2, "test -e " + path).exitCode());
        assertFalse(Files.exists(Path.of(path)), "the write reached the real machine");
    }

    @Test
    void etcHostsEditStaysOnItsHost(TestbedHosts hosts) throws Exception {
        var line = "192.0.2.10 app-" + UUID.randomUUID() + ".testbed.example";
        assertTrue(hosts.ssh(1, "echo '" + line + "' >> /etc/hosts").ok());
        assertEquals(0, hosts.ssh(1, "grep -qxF '" + line + "' /etc/hosts").exitCode());
        assertEquals(1, hosts.ssh(2, "grep -qxF '" + line + "' /etc/hosts").exitCode());
        assertFalse(Files.readString(Path.of("/etc/hosts")).contains(line), "the edit reached the real machine's /etc/hosts");
    }

    @Test
    void hostSeesOnlyItsOwnProcesses(TestbedHosts hosts) {
        var result = hosts.ssh(1, "cat /proc/1/comm; ls /proc | grep -c '^[0-9]'");
        assertTrue(result.ok(), result::toString);
        var lines = result.stdout().lines().toList();
        assertEquals("sshd", lines.get(0));
        assertTrue(Integer.parseInt(lines.get(1)) < 20, "a host should see a handful of processes, saw " + lines.get(1));
    }

    @Test
    void hostWithoutSystemdIsRecognisableAsSuch(TestbedHosts hosts) {
        assertEquals(1, hosts.ssh(1, "test -d /run/systemd/system").exitCode());
        var state = hosts.ssh(1, "systemctl is-system-running");
        assertNotEquals(0, state.exitCode());
        assertEquals("offline", state.stdout().strip());
    }

    @Test
    void sshdLogRecordsEachConnection(TestbedHosts hosts) throws Exception {
        long before = connections(hosts.sshdLog(2));
        assertTrue(hosts.ssh(2, "true").ok());
        assertTrue(hosts.ssh(2, "true").ok());
        assertEquals(before + 2, connections(hosts.sshdLog(2)));
    }

    private static long connections(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("Connection from ")).count();
    }
}
