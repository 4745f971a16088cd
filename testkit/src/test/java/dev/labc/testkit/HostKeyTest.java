package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
@Testbed(hosts = 2)
class HostKeyTest {

    @Test
    void knownHostsListsEveryHostByNameAndAddress(TestbedHosts hosts) throws Exception {
        var lines = Files.readAllLines(hosts.knownHosts());
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("host1," + hosts.host(1).address() + " ssh-ed25519 "), lines.get(0));
        assertTrue(lines.get(1).startsWith("host2," + hosts.host(2).address() + " ssh-ed25519 "), lines.get(1));
    }

    @Test
    void changedHostKeyIsRefusedByStrictChecking(TestbedHosts hosts) {
        assertTrue(hosts.ssh(1, "true").ok());
        hosts.rekey(1);
        var refused = hosts.ssh(1, "true");
        assertEquals(255, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("Host key verification failed"), refused.stderr());
        assertTrue(hosts.ssh(2, "true").ok(), "host2 kept its key");
        hosts.trust(1);
        assertTrue(hosts.ssh(1, "true").ok(), "accepted again once known_hosts has the new key");
    }
}
