package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.runtime.transport.DialAllowList;
import dev.labc.runtime.transport.ExecResult;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.HostSession;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resource scripts run over real SSH: hostile strings reach the host byte-exact as file content and
 * as a managed block, and the block leaves the rest of the file alone. The strings come from a
 * jqwik arbitrary sampled inside JUnit tests, because jqwik properties do not run JUnit extensions
 * such as {@link Testbed}.
 */
@Testbed(hosts = 1)
class HostResourcesOnTestbedTest {
    static SshTransport transport;
    static HostSession session;

    @BeforeAll
    static void connect(TestbedHosts hosts) throws Exception {
        transport = new SshTransport(new SshOptions(List.of(hosts.knownHosts()), SshOptions.HostKeyPolicy.STRICT,
                List.of(hosts.clientKey()), Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(15),
                Optional.empty(), DialAllowList.parse("127.0.0.0/8")));
        session = transport.session(HostEndpoint.root("host1", hosts.host(1).address()));
    }

    @AfterAll
    static void disconnect() {
        if (transport != null) transport.close();
    }

    static ExecResult run(String script) throws Exception {
        return session.exec("sh -s", script.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));
    }

    /** The typed step a plan would record with these attributes (decoded as the apply engine does). */
    static <S extends HostStep> S step(Class<S> kind, String type, Map<String, Value> values) {
        return kind.cast(HostStep.decode(type, "test", new TreeMap<>(values)));
    }

    static Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("'\"`$()\\;&|<>*?~#!{} \t\n=%").ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(60).filter(s -> s.indexOf('\0') < 0 && s.codePoints().allMatch(Character::isValidCodePoint)
                        && s.chars().noneMatch(c -> Character.isSurrogate((char) c))),
                Arbitraries.of("$(touch /tmp/pwned)", "`touch /tmp/pwned`", "'; touch /tmp/pwned; '", "\n# END labc t\n", "a\r\nb"));
    }

    /** Apply then check agree for a user whose primary group is also one of its declared groups, and check sees a group added by hand. */
    @Test
    void aUserInItsOwnPrimaryGroupChecksCleanAfterApply() throws Exception {
        assertEquals(0, run("getent group 2600 >/dev/null || groupadd -g 2600 crew").exitCode());
        var user = new UserResource();
        var a = step(HostStep.User.class, "user", Map.of("name", Value.of("crewman"), "uid", Value.of(2600), "gid", Value.of(2600),
                "groups", new dev.labc.state.Value.Array(List.of(Value.of("crew"))), "shell", Value.of("/bin/bash"),
                "ssh_keys", new dev.labc.state.Value.Array(List.of())));
        assertEquals(0, run(user.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run(user.check(a)).exitCode(), "check agrees after apply");
        assertEquals(0, run("getent group extra >/dev/null || groupadd extra; usermod -aG extra crewman").exitCode());
        assertEquals(1, run(user.check(a)).exitCode(), "a group added by hand is drift");
        assertEquals(0, run(user.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run(user.check(a)).exitCode(), "apply removes it again");
    }

    /** Each declared group is checked, and a group the user is in but did not declare, as sets. */
    @Test
    void aUsersGroupsAreComparedAsSetsEitherWay() throws Exception {
        assertEquals(0, run("for g in ops1 ops2 ops3; do getent group $g >/dev/null || groupadd $g; done").exitCode());
        var user = new UserResource();
        var a = step(HostStep.User.class, "user", Map.of("name", Value.of("opsman"), "uid", Value.of(2700), "gid", Value.of(2700),
                "groups", new dev.labc.state.Value.Array(List.of(Value.of("ops2"), Value.of("ops1"))), "shell", Value.of("/bin/bash"),
                "ssh_keys", new dev.labc.state.Value.Array(List.of())));
        assertEquals(0, run(user.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run(user.check(a)).exitCode(), "check agrees after apply");
        assertEquals(0, run("gpasswd -d opsman ops1").exitCode());
        assertEquals(1, run(user.check(a)).exitCode(), "a declared group taken away by hand is drift");
        assertEquals(0, run(user.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run("usermod -G ops1,ops3 opsman").exitCode());
        assertEquals(1, run(user.check(a)).exitCode(), "one group swapped for another is drift");
        assertEquals(0, run(user.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run("usermod -s /bin/sh opsman").exitCode());
        assertEquals(1, run(user.check(a)).exitCode(), "another shell is drift");
        assertEquals(0, run(user.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run(user.check(a)).exitCode());
    }

    @Test
    void aPackagesCheckReadsDpkgsStatusHeldOrNot() throws Exception {
        var pkg = new PackageResource();
        assertEquals(0, run(pkg.check(step(HostStep.Package.class, "package", Map.of("name", Value.of("coreutils"))))).exitCode(), "installed");
        assertEquals(1, run(pkg.check(step(HostStep.Package.class, "package", Map.of("name", Value.of("labc-no-such-package"))))).exitCode(), "never installed");
        assertEquals(0, run(pkg.check(step(HostStep.Package.class, "package", Map.of("name", Value.of("labc-no-such-package"), "state", Value.of("absent"))))).exitCode());
        assertEquals(1, run(pkg.check(step(HostStep.Package.class, "package", Map.of("name", Value.of("coreutils"), "state", Value.of("absent"))))).exitCode());
        assertEquals(0, run("apt-mark hold coreutils >/dev/null").exitCode());
        try {
            assertEquals(0, run(pkg.check(step(HostStep.Package.class, "package", Map.of("name", Value.of("coreutils"))))).exitCode(), "held: \"hold ok installed\"");
            assertEquals(0, run(pkg.check(step(HostStep.Package.class, "package", Map.of("name", Value.of("coreutils"), "hold", Value.of(true))))).exitCode());
        } finally {
            run("apt-mark unhold coreutils >/dev/null");
        }
    }

    @Test
    void aFilesModeOrOwnerChangedByHandIsDrift() throws Exception {
        var file = new FileResource();
        var a = step(HostStep.File.class, "file", Map.of("path", Value.of("/tmp/labc-prop/mode"), "content", Value.of("x\n"), "mode", Value.of("0640"), "owner", Value.of("root")));
        assertEquals(0, run(file.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run(file.check(a)).exitCode());
        assertEquals(0, run("chmod 644 /tmp/labc-prop/mode").exitCode());
        assertEquals(1, run(file.check(a)).exitCode(), "mode changed by hand");
        assertEquals(0, run(file.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run("getent passwd nobody >/dev/null && chown nobody /tmp/labc-prop/mode").exitCode());
        assertEquals(1, run(file.check(a)).exitCode(), "owner changed by hand");
        assertEquals(0, run(file.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run("printf 'y\\n' > /tmp/labc-prop/mode").exitCode());
        assertEquals(1, run(file.check(a)).exitCode(), "content changed by hand");
    }

    @Test
    void fileContentArrivesByteExact() throws Exception {
        for (String content : hostile().sampleStream().limit(20).toList()) fileContentArrivesByteExact(content);
    }

    void fileContentArrivesByteExact(String content) throws Exception {
        var file = new FileResource();
        var a = step(HostStep.File.class, "file", Map.of("path", Value.of("/tmp/labc-prop/f"), "content", Value.of(content), "mode", Value.of("0640"), "owner", Value.of("root")));
        assertEquals(0, run(file.apply(a, SecretResolver.NONE)).exitCode());
        assertArrayEquals(content.getBytes(StandardCharsets.UTF_8), run("cat /tmp/labc-prop/f").stdout(), () -> "content " + content);
        assertEquals(0, run(file.check(a)).exitCode(), "check agrees after apply");
        assertFalse(run("test -e /tmp/pwned").ok(), "nothing in the content was executed");
    }

    @Test
    void managedBlockArrivesByteExactAndKeepsTheRestOfTheFile() throws Exception {
        for (String content : hostile().sampleStream().limit(15).toList()) managedBlock(content);
    }

    void managedBlock(String content) throws Exception {
        String body = content.replace("\r", "").lines().filter(l -> !l.startsWith("# BEGIN") && !l.startsWith("# END"))
                .reduce("", (x, y) -> x + y + "\n");
        assertEquals(0, run("printf 'before\\nafter\\n' > /tmp/labc-block").exitCode());
        var block = new BlockResource();
        var a = step(HostStep.Block.class, "block", Map.of("path", Value.of("/tmp/labc-block"), "marker", Value.of("labc t"), "content", Value.of(body)));
        assertEquals(0, run(block.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run(block.apply(a, SecretResolver.NONE)).exitCode(), "applying twice keeps one block");
        String text = run("cat /tmp/labc-block").stdoutText();
        assertEquals("before\nafter\n# BEGIN labc t\n" + body + "# END labc t\n", text, () -> "content " + content);
        assertEquals(0, run(block.check(a)).exitCode());
        assertEquals(0, run(block.delete(a)).exitCode());
        assertEquals("before\nafter\n", run("cat /tmp/labc-block").stdoutText());
        assertTrue(run(block.check(a)).exitCode() != 0, "check sees the block gone");
    }

    @Test
    void aServiceOnAHostWithoutSystemdFailsWithAClearReason() throws Exception {
        var service = new ServiceResource();
        var a = step(HostStep.Service.class, "service", Map.of("name", Value.of("slurmd"), "enabled", Value.of(true), "state", Value.of("running")));
        var r = run(service.apply(a, SecretResolver.NONE));
        assertEquals(3, r.exitCode());
        assertTrue(r.stderrText().contains("does not run systemd"), r.stderrText());
    }

    @Test
    void aManagedLineReplacesItsMatchOnceAndHostileLinesArriveByteExact() throws Exception {
        assertEquals(0, run("printf '#ClientAliveInterval 0\\nPort 22\\nClientAliveInterval 5\\n' > /tmp/labc-sshd").exitCode());
        var line = new LineResource();
        var a = step(HostStep.Line.class, "line", Map.of("path", Value.of("/tmp/labc-sshd"), "line", Value.of("ClientAliveInterval 60"),
                "match", Value.of("^#?ClientAliveInterval"), "state", Value.of("present")));
        assertTrue(run(line.check(a)).exitCode() != 0);
        assertEquals(0, run(line.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run(line.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals("ClientAliveInterval 60\nPort 22\n", run("cat /tmp/labc-sshd").stdoutText());
        assertEquals(0, run(line.check(a)).exitCode());
        for (String hostile : hostile().sampleStream().limit(15).toList()) {
            String text = hostile.replace("\n", " ").replace("\r", " ");
            var h = step(HostStep.Line.class, "line", Map.of("path", Value.of("/tmp/labc-sshd"), "line", Value.of(text), "state", Value.of("present")));
            assertEquals(0, run(line.apply(h, SecretResolver.NONE)).exitCode(), text);
            assertEquals(0, run(line.check(h)).exitCode(), () -> "line " + text);
            var gone = step(HostStep.Line.class, "line", Map.of("path", Value.of("/tmp/labc-sshd"), "line", Value.of(text), "state", Value.of("absent")));
            assertEquals(0, run(line.apply(gone, SecretResolver.NONE)).exitCode());
            assertEquals(0, run(line.check(gone)).exitCode(), () -> "absent " + text);
        }
        assertEquals("ClientAliveInterval 60\nPort 22\n", run("cat /tmp/labc-sshd").stdoutText(), "the rest of the file is untouched");
        assertFalse(run("test -e /tmp/pwned").ok());
        // Removing the declaration puts back the line it replaced (kept by Originals at the first apply).
        assertEquals(0, run(line.delete(a)).exitCode());
        assertEquals("#ClientAliveInterval 0\nPort 22\n", run("cat /tmp/labc-sshd").stdoutText(), "delete restores the replaced line");
        assertEquals(0, run(line.delete(a)).exitCode(), "twice: nothing kept, nothing to remove");
    }

    @Test
    void aFileLargerThanOneArgumentArrivesWholeAndAFullDiskFailsWithItsReason() throws Exception {
        var big = new StringBuilder();
        for (int i = 0; big.length() < 300_000; i++) big.append("line ").append(i).append(" \u00e9 'quoted' $(x)\n");
        var file = new FileResource();
        var a = step(HostStep.File.class, "file", Map.of("path", Value.of("/tmp/labc-big/f"), "content", Value.of(big.toString()), "mode", Value.of("0644"), "owner", Value.of("root")));
        assertEquals(0, run(file.apply(a, SecretResolver.NONE)).exitCode());
        assertEquals(0, run(file.check(a)).exitCode());
        assertArrayEquals(big.toString().getBytes(StandardCharsets.UTF_8), run("cat /tmp/labc-big/f").stdout());

        assertEquals(0, run("mkdir -p /srv/small && mount -t tmpfs -o size=64k labc-small /srv/small").exitCode());
        try {
            var full = step(HostStep.File.class, "file", Map.of("path", Value.of("/srv/small/f"), "content", Value.of(big.toString()), "mode", Value.of("0644"), "owner", Value.of("root")));
            var r = run(file.apply(full, SecretResolver.NONE));
            assertTrue(r.exitCode() != 0);
            assertTrue(r.stderrText().contains("No space left on device"), r.stderrText());
            assertEquals("", run("ls -A /srv/small").stdoutText(), "the temporary file is removed: the disk is not left full");
        } finally {
            run("umount /srv/small");
        }
    }
}
