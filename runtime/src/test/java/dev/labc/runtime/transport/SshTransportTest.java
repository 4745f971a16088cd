package dev.labc.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MINA client against real OpenSSH hosts from the testbed. */
@Testbed(hosts = 3, sudoUser = true)
class SshTransportTest {
    private static final Duration T = Duration.ofSeconds(20);

    static SshOptions options(TestbedHosts hosts) {
        return new SshOptions(List.of(hosts.knownHosts()), SshOptions.HostKeyPolicy.STRICT, List.of(hosts.clientKey()),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(15), Optional.of("curve25519-sha256"),
                DialAllowList.parse("127.0.0.0/8"));
    }

    static HostEndpoint endpoint(TestbedHosts hosts, int i) {
        return HostEndpoint.root(hosts.host(i).name(), hosts.host(i).address());
    }

    static long connections(TestbedHosts hosts, int i) throws Exception {
        return Files.readAllLines(hosts.sshdLog(i)).stream().filter(l -> l.contains("Connection from")).count();
    }

    @Test
    void runsCommandsWithExitCodesStdinAndStderr(TestbedHosts hosts) throws Exception {
        try (var t = new SshTransport(options(hosts))) {
            var s = t.session(endpoint(hosts, 1));
            var r = s.exec("hostname; id -u", T);
            assertEquals(0, r.exitCode(), r.stderrText());
            assertEquals("host1\n0\n", r.stdoutText());
            var failed = s.exec("echo oops >&2; exit 7", T);
            assertEquals(7, failed.exitCode());
            assertEquals("oops\n", failed.stderrText());
            byte[] input = "line one\n'quoted' $(not run) `nor this`\n\u00e9\u4e2d\n".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(input, s.exec("cat", input, T).stdout());
        }
    }

    @Test
    void oneConnectionPerHostForManyCommandsFromManyThreads(TestbedHosts hosts) throws Exception {
        long[] before = {connections(hosts, 1), connections(hosts, 2), connections(hosts, 3)};
        try (var t = new SshTransport(options(hosts)); var pool = Executors.newFixedThreadPool(8)) {
            var futures = new ArrayList<Future<String>>();
            for (int n = 0; n < 30; n++) {
                int host = 1 + n % 3;
                futures.add(pool.submit((Callable<String>) () -> t.session(endpoint(hosts, host)).exec("hostname", T).stdoutText()));
            }
            for (int n = 0; n < 30; n++) assertEquals("host" + (1 + n % 3) + "\n", futures.get(n).get());
            assertSame(t.session(endpoint(hosts, 2)), t.session(endpoint(hosts, 2)));
        }
        Thread.sleep(200); // sshd writes its log line asynchronously
        for (int i = 1; i <= 3; i++) assertEquals(before[i - 1] + 1, connections(hosts, i), "connections to host" + i);
    }

    @Test
    void sudoUserRunsCommandsAsRoot(TestbedHosts hosts) throws Exception {
        var user = hosts.sudoUser().orElseThrow();
        try (var t = new SshTransport(options(hosts))) {
            var r = t.session(new HostEndpoint("host2", hosts.host(2).address(), 22, user, Optional.empty())).exec("id -un; printf %s \"$SUDO_USER\"", T);
            assertEquals("root\n" + user, r.stdoutText(), r.stderrText());
        }
    }

    @Test
    void unknownHostIsRefusedUnlessAcceptNewAndThenAChangedKeyIsRefused(TestbedHosts hosts, @TempDir Path dir) throws Exception {
        Path known = dir.resolve("known_hosts");
        var strict = options(hosts).withKnownHosts(List.of(known));
        try (var t = new SshTransport(strict)) {
            var e = assertThrows(TransportException.class, () -> t.session(endpoint(hosts, 3)));
            assertEquals(TransportException.Kind.HOST_KEY, e.kind());
            assertTrue(e.getMessage().contains("--accept-new"), e.getMessage());
        }
        try (var t = new SshTransport(strict.withHostKeyPolicy(SshOptions.HostKeyPolicy.ACCEPT_NEW))) {
            assertEquals(0, t.session(endpoint(hosts, 3)).exec("true", T).exitCode());
        }
        assertTrue(Files.readString(known).startsWith(hosts.host(3).address() + " ssh-ed25519 "));
        try (var t = new SshTransport(strict)) {
            assertEquals(0, t.session(endpoint(hosts, 3)).exec("true", T).exitCode(), "recorded key is trusted now");
        }
        hosts.rekey(3);
        try {
            for (var policy : SshOptions.HostKeyPolicy.values()) {
                try (var t = new SshTransport(strict.withHostKeyPolicy(policy))) {
                    var e = assertThrows(TransportException.class, () -> t.session(endpoint(hosts, 3)));
                    assertEquals(TransportException.Kind.HOST_KEY, e.kind());
                    assertTrue(e.getMessage().contains("differs"), e.getMessage());
                }
            }
        } finally {
            hosts.trust(3);
        }
    }

    @Test
    void hashedKnownHostsEntriesAreHonoured(TestbedHosts hosts, @TempDir Path dir) throws Exception {
        Path known = dir.resolve("known_hosts");
        Files.copy(hosts.knownHosts(), known);
        var hash = new ProcessBuilder("ssh-keygen", "-H", "-f", known.toString()).redirectErrorStream(true).start();
        assertEquals(0, hash.waitFor());
        assertTrue(Files.readString(known).startsWith("|1|"), "ssh-keygen -H hashed the file");
        try (var t = new SshTransport(options(hosts).withKnownHosts(List.of(known)))) {
            assertEquals(0, t.session(endpoint(hosts, 1)).exec("true", T).exitCode());
        }
    }

    @Test
    void jumpHostCarriesTheConnectionToTheNextHost(TestbedHosts hosts) throws Exception {
        var jump = endpoint(hosts, 1);
        var target = new HostEndpoint("host2", hosts.host(2).address(), 22, "root", Optional.of(jump));
        try (var t = new SshTransport(options(hosts))) {
            assertEquals("host2\n", t.session(target).exec("hostname", T).stdoutText());
            assertEquals("host1\n", t.session(jump).exec("hostname", T).stdoutText());
        }
    }

    @Test
    void allowListRefusesOtherAddressesWithoutDialling(TestbedHosts hosts) {
        try (var t = new SshTransport(options(hosts))) {
            long start = System.nanoTime();
            var e = assertThrows(TransportException.class, () -> t.session(HostEndpoint.root("gpu-1", "10.0.1.11")));
            assertEquals(TransportException.Kind.NOT_ALLOWED, e.kind());
            assertTrue(e.getMessage().contains("LABC_DIAL_ALLOW"), e.getMessage());
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused before any connect timeout");
        }
    }

    /**
     * Restricted to the run's nodes (issue 20), the transport dials them and their jump hosts and
     * refuses a host inside LABC_DIAL_ALLOW that no node names, without a connection.
     */
    @Test
    void onlyThePlannedNodesAndTheirJumpHostsAreDialled(TestbedHosts hosts) throws Exception {
        var jump = endpoint(hosts, 1);
        var behind = new HostEndpoint("host2", hosts.host(2).address(), 22, "root", Optional.of(jump));
        var options = options(hosts);
        options = options.withAllowList(options.allowList().onlyTo(List.of(behind)));
        long before = connections(hosts, 3);
        try (var t = new SshTransport(options)) {
            assertEquals("host2\n", t.session(behind).exec("hostname", T).stdoutText());
            assertEquals("host1\n", t.session(jump).exec("hostname", T).stdoutText(), "the jump host is the node's way in");
            var e = assertThrows(TransportException.class, () -> t.session(endpoint(hosts, 3)));
            assertEquals(TransportException.Kind.NOT_ALLOWED, e.kind());
            assertTrue(e.getMessage().contains("is not one of the nodes this run works on"), e.getMessage());
        }
        Thread.sleep(200);
        assertEquals(before, connections(hosts, 3), "host3 was never dialled");
    }

    @Test
    void downHostIsUnreachableAndASlowCommandTimesOut(TestbedHosts hosts) throws Exception {
        try (var t = new SshTransport(options(hosts))) {
            var s = t.session(endpoint(hosts, 2));
            var e = assertThrows(TransportException.class, () -> s.exec("sleep 5", Duration.ofMillis(500)));
            assertEquals(TransportException.Kind.TIMEOUT, e.kind());
            assertTrue(e.kind().retryable());
        }
        hosts.down(2);
        try (var t = new SshTransport(options(hosts))) {
            var e = assertThrows(TransportException.class, () -> t.session(endpoint(hosts, 2)));
            assertEquals(TransportException.Kind.UNREACHABLE, e.kind(), e.getMessage());
        } finally {
            hosts.up(2);
        }
    }

    @Test
    void aKeyTheHostDoesNotAcceptIsAnAuthenticationFailure(TestbedHosts hosts, @TempDir Path dir) throws Exception {
        Path key = dir.resolve("stranger");
        var gen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).redirectErrorStream(true).start();
        assertEquals(0, gen.waitFor());
        try (var t = new SshTransport(options(hosts).withIdentities(List.of(key)))) {
            var e = assertThrows(TransportException.class, () -> t.session(endpoint(hosts, 1)));
            assertEquals(TransportException.Kind.AUTHENTICATION, e.kind(), e.getMessage());
            assertTrue(!e.kind().retryable());
        }
    }

    @Test
    void sudoThatWantsAPasswordIsNamedNotAMysteriousFailure(TestbedHosts hosts) throws Exception {
        var user = hosts.sudoUser().orElseThrow();
        assertTrue(hosts.ssh(3, "mv /etc/sudoers.d/labc-testbed /root/labc-testbed.sudoers").ok());
        try (var t = new SshTransport(options(hosts))) {
            var s = t.session(new HostEndpoint("host3", hosts.host(3).address(), 22, user, Optional.empty()));
            var e = assertThrows(TransportException.class, () -> s.exec("id -u", T));
            assertEquals(TransportException.Kind.SUDO, e.kind(), e.getMessage());
            assertTrue(e.getMessage().startsWith("host3: sudo needs a password for " + user), e.getMessage());
        } finally {
            assertTrue(hosts.ssh(3, "mv /root/labc-testbed.sudoers /etc/sudoers.d/labc-testbed").ok());
        }
    }

    @Test
    void keysHeldByAnSshAgentAreOfferedWithoutAnyKeyFile(TestbedHosts hosts, @TempDir Path dir) throws Exception {
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) Thread.sleep(20);
            var add = new ProcessBuilder("ssh-add", hosts.clientKey().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process added = add.start();
            assertEquals(0, added.waitFor(), new String(added.getInputStream().readAllBytes()));
            var viaAgent = options(hosts).withIdentities(List.of()).withAgent(Optional.of(socket));
            try (var t = new SshTransport(viaAgent)) {
                assertEquals("host1\n", t.session(endpoint(hosts, 1)).exec("hostname", T).stdoutText());
            }
            try (var t = new SshTransport(options(hosts).withIdentities(List.of()).withAgent(Optional.empty()))) {
                assertEquals(TransportException.Kind.AUTHENTICATION, assertThrows(TransportException.class, () -> t.session(endpoint(hosts, 1))).kind(),
                        "without the agent there is no key to offer");
            }
        } finally {
            agent.destroy();
        }
    }

    @Test
    void ecdsaRsaAndPassphraseProtectedEd25519KeysAuthenticate(TestbedHosts hosts, @TempDir Path dir) throws Exception {
        String[][] kinds = {{"ecdsa", ""}, {"rsa", ""}, {"ed25519", "correct horse battery"}};
        for (String[] kind : kinds) {
            Path key = dir.resolve("id_" + kind[0]);
            var gen = new ProcessBuilder("ssh-keygen", "-q", "-t", kind[0], "-N", kind[1], "-f", key.toString()).redirectErrorStream(true).start();
            assertEquals(0, gen.waitFor());
            String pub = Files.readString(dir.resolve("id_" + kind[0] + ".pub")).strip();
            assertTrue(hosts.ssh(2, "echo '" + pub + "' >> /root/.ssh/authorized_keys").ok());
            var opts = new SshOptions(List.of(hosts.knownHosts()), SshOptions.HostKeyPolicy.STRICT, List.of(key),
                    kind[1].isEmpty() ? Optional.empty() : Optional.of(kind[1]), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(15),
                    Optional.empty(), DialAllowList.parse("127.0.0.0/8"));
            try (var t = new SshTransport(opts)) {
                assertEquals("host2\n", t.session(endpoint(hosts, 2)).exec("hostname", T).stdoutText(), kind[0]);
            }
        }
    }
}
