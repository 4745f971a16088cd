package dev.labc.runtime.resources;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.runtime.transport.DialAllowList;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.SshOptions;
import dev.labc.runtime.transport.SshTransport;
import dev.labc.shell.SecretResolver;
import dev.labc.state.Value;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A unit file and its service on a host whose init is systemd. */
@Testbed(hosts = 1, systemd = true)
class ServiceOnSystemdTest {
    @Test
    void unitFileThenServiceEnabledAndRunningThenStopped(TestbedHosts hosts) throws Exception {
        var options = new SshOptions(List.of(hosts.knownHosts()), SshOptions.HostKeyPolicy.STRICT, List.of(hosts.clientKey()),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(15), Optional.empty(), DialAllowList.parse("127.0.0.0/8"));
        try (var t = new SshTransport(options)) {
            var s = t.session(HostEndpoint.root("host1", hosts.host(1).address()));
            var unit = HostResource.of("file", "unit", new TreeMap<>(Map.of("path", Value.of("/etc/systemd/system/labc-demo.service"),
                    "content", Value.of("[Unit]\nDescription=labc demo\n[Service]\nExecStart=/bin/sleep infinity\n[Install]\nWantedBy=multi-user.target\n"),
                    "mode", Value.of("0644"), "owner", Value.of("root"))));
            var running = HostResource.of("service", "svc", new TreeMap<>(Map.of("name", Value.of("labc-demo"), "enabled", Value.of(true), "state", Value.of("running"))));
            assertTrue(run(s, running.check()).exitCode() != 0, "not running before apply");
            var r = run(s, unit.apply(SecretResolver.NONE) + " && " + running.apply(SecretResolver.NONE));
            assertEquals(0, r.exitCode(), r.stderrText());
            assertEquals(0, run(s, running.check()).exitCode());
            assertEquals("active\n", run(s, "systemctl is-active labc-demo").stdoutText());
            var stopped = HostResource.of("service", "svc", new TreeMap<>(Map.of("name", Value.of("labc-demo"), "enabled", Value.of(false), "state", Value.of("stopped"))));
            assertEquals(0, run(s, stopped.apply(SecretResolver.NONE)).exitCode());
            assertEquals(0, run(s, stopped.check()).exitCode());
        }
    }

    static dev.labc.runtime.transport.ExecResult run(dev.labc.runtime.transport.HostSession s, String script) throws Exception {
        return s.exec("sh -s", script.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
    }
}
