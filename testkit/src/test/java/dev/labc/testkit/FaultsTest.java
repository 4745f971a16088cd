package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
@Testbed(hosts = 2)
class FaultsTest {

    @Test
    void downHostRefusesAndComesBackWithTheSameKeyAndFiles(TestbedHosts hosts) {
        assertTrue(hosts.ssh(1, "echo kept > /etc/labc-fault-marker").ok());
        hosts.down(1);
        var refused = hosts.ssh(1, "true");
        assertEquals(255, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("Connection refused"), refused.stderr());
        assertTrue(hosts.ssh(2, "true").ok(), "host2 is unaffected");
        hosts.up(1);
        // Strict checking against the unchanged known_hosts proves the key is the same.
        var back = hosts.ssh(1, "cat /etc/labc-fault-marker");
        assertTrue(back.ok(), back::toString);
        assertEquals("kept\n", back.stdout());
    }

    @Test
    void slowHostDelaysItsAnswersUntilMadeNormalAgain(TestbedHosts hosts) {
        long normal = timed(hosts, 2);
        hosts.slow(2, 300);
        try {
            long slow = timed(hosts, 2);
            // An SSH session takes several server round trips, each now 300 ms later.
            assertTrue(slow >= normal + 1200, "slow " + slow + " ms vs normal " + normal + " ms");
        } finally {
            hosts.slow(2, 0);
        }
        long again = timed(hosts, 2);
        assertTrue(again < normal + 600, "after slow 0: " + again + " ms vs normal " + normal + " ms");
    }

    private static long timed(TestbedHosts hosts, int i) {
        long start = System.nanoTime();
        var result = hosts.ssh(i, "hostname");
        assertTrue(result.ok(), result::toString);
        assertEquals("host" + i + "\n", result.stdout());
        return (System.nanoTime() - start) / 1_000_000;
    }
}
