package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A test run killed with SIGKILL leaves its hosts running; the next start (or stop) must clear them. */
@Tag("integration")
class StaleCleanupTest {
    // Own directory and addresses, so this never meets a @Testbed class's hosts.
    private static final String PREFIX = "127.0.11";
    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "labc-testbed-stale-test");

    private Path scriptPath;
    private TestbedScript script;

    @BeforeEach
    void requireTestbed() {
        var located = TestbedScript.locate();
        TestbedExtension.requireAvailable(located.isEmpty() ? java.util.Optional.of("testbed/testbed not found") : java.util.Optional.empty(),
                TestbedExtension.ci());
        scriptPath = located.get();
        script = new TestbedScript(scriptPath, DIR, Map.of("TESTBED_PREFIX", PREFIX));
        TestbedExtension.requireAvailable(script.unavailableReason(), TestbedExtension.ci());
    }

    @AfterEach
    void stopWhateverIsLeft() {
        if (script != null) script.stop();
    }

    @Test
    void startCleansUpAfterAJvmKilledWithItsHostsRunning() throws Exception {
        var javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                StaleTestbedMain.class.getName(), scriptPath.toString(), DIR.toString(), PREFIX, "2")
                .redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            var seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null && !line.equals("started"); ) seen.append(line).append('\n');
            assertTrue(child.isAlive(), "child JVM ended before starting its testbed:\n" + seen);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no stop
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));

        var stale = status();
        assertEquals("2", stale.get("up"), "the killed run's hosts should still be there");
        var stalePids = initPids();

        script.start(2);
        for (long pid : stalePids) assertFalse(running(pid), "stale host pid " + pid + " survived start");
        assertEquals("2", status().get("up"));

        script.stop();
        assertNothingLeft();
    }

    @Test
    void stopCleansUpAfterTheStartScriptItselfWasKilled() throws Exception {
        var env = new HashMap<String, String>(Map.of("TESTBED_PREFIX", PREFIX));
        var builder = new ProcessBuilder("/bin/bash", scriptPath.toString(), "--dir", DIR.toString(), "start", "8")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        var starting = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(DIR.resolve("host1/init.pid")) && System.nanoTime() < deadline) Thread.sleep(5);
        starting.destroyForcibly();
        assertTrue(starting.waitFor(10, TimeUnit.SECONDS));

        assertTrue(Integer.parseInt(status().get("processes")) > 0, "expected leftovers from the killed start");
        script.stop();
        assertNothingLeft();
    }

    private void assertNothingLeft() throws IOException {
        var s = status();
        assertEquals("0", s.get("up"), s::toString);
        assertEquals("0", s.get("mounts"), s::toString);
        assertEquals("0", s.get("processes"), s::toString);
        assertEquals("0", s.get("cgroups"), s::toString);
        // Independently of the script's own bookkeeping:
        var mounts = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        assertTrue(mounts.stream().noneMatch(l -> l.contains(DIR.toString())), "mounts left under " + DIR);
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> running(p.pid()) && p.info().commandLine().orElse("").contains(DIR.toString())),
                "processes left that mention " + DIR);
    }

    /** Alive and not a zombie: killed hosts' zombies wait for the machine's PID 1 to reap them. */
    private static boolean running(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }

    private Map<String, String> status() {
        var result = new HashMap<String, String>();
        for (var line : script.status().lines().toList()) {
            var parts = line.split(" ", 2);
            if (parts.length == 2) result.put(parts[0], parts[1]);
        }
        return result;
    }

    private List<Long> initPids() {
        return script.status().lines().filter(l -> l.matches("host\\d+ \\S+ up pid \\d+.*"))
                .map(l -> Long.parseLong(l.split(" ")[4])).toList();
    }
}
