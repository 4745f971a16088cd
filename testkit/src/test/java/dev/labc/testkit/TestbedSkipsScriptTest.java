package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/test on a machine without the testbed's packages once passed while silently skipping
 * every integration test (issue 20): it now ends with scripts/testbed-skips' loud line, counted
 * here from surefire reports as the run leaves them.
 */
class TestbedSkipsScriptTest {
    static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();

    static String report(int testbedSkips, int otherSkips) {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"dev.labc.cli.XOnTestbedTest\">\n");
        for (int i = 0; i < testbedSkips; i++) {
            sb.append("  <testcase name=\"t").append(i).append("\" classname=\"dev.labc.cli.XOnTestbedTest\">\n")
                .append("    <skipped message=\"testbed unavailable, skipping: missing commands: sshd, socat\"/>\n  </testcase>\n");
        }
        for (int i = 0; i < otherSkips; i++) {
            sb.append("  <testcase name=\"o").append(i).append("\"><skipped message=\"disabled on this JDK\"/></testcase>\n");
        }
        return sb.append("</testsuite>\n").toString();
    }

    static String run(Path marker, Path root) throws Exception {
        var p = new ProcessBuilder("bash", ROOT.resolve("scripts/testbed-skips").toString(), marker.toString(), root.toString())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void skippedTestbedTestsOfThisRunEndItWithOneLoudLineAndTheCommandThatRunsThem(@TempDir Path dir) throws Exception {
        Path marker = Files.createFile(dir.resolve("marker"));
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minusSeconds(60)));
        Path cli = Files.createDirectories(dir.resolve("cli/target/surefire-reports"));
        Path runtime = Files.createDirectories(dir.resolve("runtime/target/surefire-reports"));
        Files.writeString(cli.resolve("TEST-dev.labc.cli.XOnTestbedTest.xml"), report(3, 1));
        Files.writeString(runtime.resolve("TEST-dev.labc.runtime.YTest.xml"), report(2, 0));
        // A report an earlier run left behind is not this run's.
        Path old = runtime.resolve("TEST-dev.labc.runtime.OldTest.xml");
        Files.writeString(old, report(7, 0));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));

        String out = run(marker, dir);
        assertTrue(out.contains("5 integration tests were SKIPPED, not passed: the testbed cannot run here (missing commands: sshd, socat)."), out);
        assertTrue(out.contains("Run them with: sudo .ci/run"), out);
        assertTrue(Files.readString(ROOT.resolve("scripts/test")).contains("scripts/testbed-skips"), "scripts/test ends with it");
    }

    @Test
    void aRunThatSkippedNoTestbedTestSaysNothing(@TempDir Path dir) throws Exception {
        Path marker = Files.createFile(dir.resolve("marker"));
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minusSeconds(60)));
        Path cli = Files.createDirectories(dir.resolve("cli/target/surefire-reports"));
        Files.writeString(cli.resolve("TEST-dev.labc.cli.ZTest.xml"), report(0, 2));
        assertEquals("", run(marker, dir));
    }
}
