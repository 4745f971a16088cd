package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
@Testbed(hosts = 2, systemd = true)
class SystemdTest {

    @Test
    void systemdIsPidOneAndTheSystemIsUp(TestbedHosts hosts) {
        var state = hosts.ssh(1, "systemctl is-system-running --wait");
        assertTrue(Set.of("running", "degraded").contains(state.stdout().strip()), state::toString);
        assertEquals("systemd\n", hosts.ssh(1, "cat /proc/1/comm").stdout());
        assertEquals(0, hosts.ssh(1, "test -d /run/systemd/system").exitCode());
    }

    @Test
    void enableNowStartsATinyUnitOnlyOnItsHost(TestbedHosts hosts) {
        var unit = """
                [Unit]
                Description=labc testbed demo
                [Service]
                ExecStart=/bin/sh -c 'echo started > /run/labc-demo; exec sleep infinity'
                [Install]
                WantedBy=multi-user.target
                """;
        var enable = hosts.ssh(1, "systemctl is-system-running --wait >/dev/null; cat > /etc/systemd/system/labc-demo.service <<'EOF'\n"
                + unit + "EOF\nsystemctl enable --now labc-demo.service");
        assertTrue(enable.ok(), enable::toString);
        assertEquals("active\n", hosts.ssh(1, "systemctl is-active labc-demo.service").stdout());
        assertEquals("enabled\n", hosts.ssh(1, "systemctl is-enabled labc-demo.service").stdout());
        assertEquals("started\n", hosts.ssh(1, "cat /run/labc-demo").stdout());
        assertEquals("inactive\n", hosts.ssh(2, "systemctl is-active labc-demo.service").stdout(), "host2 has no such unit");
        assertEquals(1, hosts.ssh(2, "test -e /etc/systemd/system/labc-demo.service").exitCode());
    }
}
