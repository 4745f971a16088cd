package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: systemd hosts reach each other by their cluster addresses on the testbed's own bridge,
 * while SSH still comes in on 127.x; nothing of that network is visible or routable from the machine.
 */
@Tag("integration")
@Testbed(hosts = 3, systemd = true, lan = "10.0.1.0/24")
class LanTest {

    @Test
    void hostsTalkOverTheLanAndNothingLeavesIt(TestbedHosts hosts) throws Exception {
        for (int i = 1; i <= 3; i++) {
            var addr = hosts.ssh(i, "ip -4 -o addr show dev lan0 | awk '{print $4}'");
            assertEquals("10.0.1." + i + "/24\n", addr.stdout(), addr::toString);
        }
        // A listener on host3, reached from host1 by its cluster address.
        var serve = hosts.ssh(3, "systemd-run --unit=lan-echo socat TCP-LISTEN:7000,fork,reuseaddr SYSTEM:hostname && sleep 0.3");
        assertTrue(serve.ok(), serve::toString);
        var reply = hosts.ssh(1, "socat -T3 - TCP:10.0.1.3:7000 </dev/null");
        assertEquals("host3\n", reply.stdout(), reply::toString);
        // No route out of the LAN: anything else is unreachable from a host.
        var out = hosts.ssh(1, "ip route get 192.0.2.1 2>&1 || true; ip -4 route");
        assertTrue(out.stdout().contains("Network is unreachable"), out::toString);
        assertEquals("10.0.1.0/24 dev lan0 proto kernel scope link src 10.0.1.1 \n", out.stdout().lines().skip(1).reduce("", (a, b) -> a + b + "\n"), out::toString);
        // The machine itself has no interface on it.
        for (String dev : Files.list(Path.of("/sys/class/net")).map(p -> p.getFileName().toString()).toList()) {
            assertFalse(dev.equals("lanbr") || dev.matches("h\\d+") || dev.equals("lan0"), "testbed link in the machine's namespace: " + dev);
        }
    }
}
