package dev.labc.testkit;

import java.nio.file.Path;
import java.util.Map;

/** A "test run" in its own JVM that starts a testbed and never stops it: StaleCleanupTest kills it with SIGKILL. */
public final class StaleTestbedMain {
    public static void main(String[] args) throws Exception {
        var script = new TestbedScript(Path.of(args[0]), Path.of(args[1]), Map.of("TESTBED_PREFIX", args[2]));
        script.start(Integer.parseInt(args[3]));
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
