package dev.labc.runtime.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.facts.FileFacts;
import dev.labc.facts.FileType;
import dev.labc.facts.HostFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real probe script with /bin/sh on this machine and checks the facts against the machine. */
class FactProbeLocalTest {

    @TempDir
    static Path dir;

    static Path plain;
    static Path awkward;
    static Path link;
    static FactProbe probe;
    static HostFacts facts;
    static long sent;
    static long received;

    @BeforeAll
    static void probeThisMachine() throws Exception {
        plain = dir.resolve("plain.conf");
        Files.writeString(plain, "hello\n");
        // A name that breaks naive quoting and naive line-based output.
        awkward = dir.resolve("it's $(x) `y`\nline two");
        Files.write(awkward, new byte[] {0, 1, 2, (byte) 0xff});
        link = dir.resolve("link");
        Files.createSymbolicLink(link, awkward);
        probe = FactProbe.create(List.of("/etc/hostname", plain.toString(), awkward.toString(), link.toString(),
                dir.resolve("missing").toString(), dir.toString()));
        sent = System.currentTimeMillis();
        String out = run("/bin/sh", "-c", probe.script());
        received = System.currentTimeMillis();
        facts = FactProbeParser.parse(probe, out, sent, received);
    }

    @Test
    void hostnameMatchesTheHostnameCommand() throws Exception {
        assertEquals(run("uname", "-n").strip(), facts.hostname());
        if (Files.isExecutable(Path.of("/bin/hostname")) || Files.isExecutable(Path.of("/usr/bin/hostname"))) {
            assertEquals(run("hostname").strip(), facts.hostname());
        }
    }

    /** The refresh's smaller probe reads what the checks before a plan need, and nothing slow. */
    @Test
    void theChecksProbeHasTheirFactsAndLeavesTheRestOut() throws Exception {
        FactProbe checks = FactProbe.forChecks(List.of(plain.toString()));
        assertFalse(checks.script().contains("dpkg-query") || checks.script().contains("sysctl") || checks.script().contains("systemctl"), checks.script());
        long at = System.currentTimeMillis();
        HostFacts slim = FactProbeParser.parse(checks, run("/bin/sh", "-c", checks.script()), at, System.currentTimeMillis());
        assertEquals(facts.machineId(), slim.machineId());
        assertEquals(facts.users().get("root"), slim.users().get("root"));
        assertEquals(facts.groups().keySet(), slim.groups().keySet());
        assertEquals(facts.files().get(plain.toString()), slim.files().get(plain.toString()));
        assertTrue(slim.clock() != null);
        // E0429 compares a node's declared cpu and memory with these.
        assertEquals(facts.cpu(), slim.cpu());
        assertEquals(facts.memory().totalBytes(), slim.memory().totalBytes());
        assertTrue(slim.packages().isEmpty(), "no package list: " + slim.packages().size());
    }

    @Test
    void rootIsUidZero() throws Exception {
        var root = facts.users().get("root");
        assertEquals(0, root.uid());
        String[] getent = run("getent", "passwd", "root").strip().split(":");
        assertEquals(getent[5], root.home());
        assertEquals(0, facts.groups().get("root").gid());
    }

    @Test
    void fileHashesMatchJava() throws Exception {
        FileFacts etcHostname = facts.files().get("/etc/hostname");
        assertEquals(FileType.REGULAR, etcHostname.type());
        assertEquals(sha256(Files.readAllBytes(Path.of("/etc/hostname"))), etcHostname.sha256());
        assertEquals(Files.size(Path.of("/etc/hostname")), etcHostname.size());

        FileFacts p = facts.files().get(plain.toString());
        assertEquals(sha256("hello\n".getBytes(StandardCharsets.UTF_8)), p.sha256());
        assertEquals(System.getProperty("user.name"), p.owner());
        assertTrue(p.mode().matches("0[0-7]{3}"), p.mode());

        FileFacts a = facts.files().get(awkward.toString());
        assertEquals(sha256(new byte[] {0, 1, 2, (byte) 0xff}), a.sha256());
    }

    @Test
    void symlinksAreReportedNotFollowed() {
        FileFacts l = facts.files().get(link.toString());
        assertEquals(FileType.SYMLINK, l.type());
        assertEquals(awkward.toString(), l.symlinkTarget(), "a target with a newline survives");
        assertNull(l.sha256());
    }

    @Test
    void missingAndDirectoryPaths() {
        assertEquals(FileFacts.missing(dir.resolve("missing").toString()), facts.files().get(dir.resolve("missing").toString()));
        assertEquals(FileType.DIRECTORY, facts.files().get(dir.toString()).type());
    }

    @Test
    void noGpuHereSoNvidiaIsAbsentNotAnError() {
        if (Files.exists(Path.of("/usr/bin/nvidia-smi"))) {
            return; // a GPU machine: the absence case is covered by the synthetic probe test
        }
        assertNull(facts.nvidia());
        assertTrue(facts.absentSections().containsAll(List.of("nvidia-xml", "nvidia-mig")), facts.absentSections().toString());
    }

    @Test
    void systemdPresenceFollowsRunSystemdSystem() {
        assertEquals(Files.isDirectory(Path.of("/run/systemd/system")), facts.systemd().present());
    }

    @Test
    void everyOtherSectionParsedCleanly() {
        assertEquals(java.util.Map.of(), facts.gatherErrors());
        assertNotNull(facts.os());
        assertNotNull(facts.kernel());
        assertEquals(System.getProperty("os.arch").equals("amd64") ? "x86_64" : facts.kernel().machine(), facts.kernel().machine());
        assertTrue(facts.mounts().stream().anyMatch(m -> m.mountPoint().equals("/")));
        assertTrue(facts.sysctls().containsKey("kernel.hostname") || facts.absentSections().contains("sysctl"));
    }

    @Test
    void osReleaseIdMatchesTheFile() throws Exception {
        String id = Files.readAllLines(Path.of("/etc/os-release")).stream()
                .filter(l -> l.startsWith("ID=")).findFirst().orElseThrow().substring(3).replace("\"", "");
        assertEquals(id, facts.os().id());
    }

    @Test
    void clockSkewIsSmallForTheLocalHost() {
        assertTrue(facts.clock().hostEpochMillis() >= sent - 1000 && facts.clock().hostEpochMillis() <= received + 1000);
        assertTrue(Math.abs(facts.clock().skewMillis()) <= received - sent + 1000, facts.clock().toString());
    }

    @Test
    void cpuAndMemoryMatchTheJvm() {
        if (facts.cpu() != null) {
            assertTrue(facts.cpu().cpus() >= Runtime.getRuntime().availableProcessors());
        }
        if (facts.memory() != null) {
            assertTrue(facts.memory().totalBytes() > 0);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + argv[0]);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
