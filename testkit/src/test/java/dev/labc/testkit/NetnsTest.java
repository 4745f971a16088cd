package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
@Testbed(hosts = 2, netns = true)
class NetnsTest {

    @Test
    void eachHostHasItsOwnNetworkWithOnlyLoopback(TestbedHosts hosts) {
        for (int i = 1; i <= 2; i++) {
            var links = hosts.ssh(i, "ls /sys/class/net");
            assertTrue(links.ok(), links::toString);
            assertEquals("lo\n", links.stdout());
            assertEquals("host" + i + "\n", hosts.ssh(i, "hostname").stdout());
        }
    }

    @Test
    void samePortIsFreeOnEveryHost(TestbedHosts hosts) {
        // In the shared namespace the second listener would collide with the first.
        var listen = "nohup socat TCP-LISTEN:8080,bind=127.0.0.1,fork SYSTEM:'echo $(hostname)' >/dev/null 2>&1 & sleep 0.3; "
                + "socat -T2 - TCP:127.0.0.1:8080 </dev/null";
        assertEquals("host1\n", hosts.ssh(1, listen).stdout());
        assertEquals("host2\n", hosts.ssh(2, listen).stdout());
    }
}
