package dev.labc.testkit;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Backs {@link Testbed}: starts the hosts before the class, hands out {@link TestbedHosts}, and stops
 * them when the class's extension store closes (after all its tests, passed or failed) or, if the JVM
 * dies first, from a shutdown hook. A JVM killed with SIGKILL leaves the hosts; the next start cleans them.
 */
public final class TestbedExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestbedExtension.class);
    private static final String KEY = "testbed";

    @Override
    public void beforeAll(ExtensionContext context) {
        var testClass = context.getRequiredTestClass();
        var store = context.getStore(NAMESPACE);
        if (store.get(KEY, RunningTestbed.class) != null) return; // a @Nested class inside a testbed class
        var spec = AnnotationSupport.findAnnotation(testClass, Testbed.class)
                .orElseThrow(() -> new IllegalStateException(testClass + " uses TestbedExtension without @Testbed"));
        var script = TestbedScript.locate();
        requireAvailable(script.isEmpty()
                ? Optional.of("testbed/testbed not found (set -Dlabc.repoRoot=<repository root>)")
                : Optional.empty(), ci());
        var env = environment(spec);
        if (spec.debianPackages().length > 0) env.put("TESTBED_APT_SOURCE", aptSource(script.get(), spec.debianPackages()));
        var testbed = new TestbedScript(script.get(), stateDir(), env);
        requireAvailable(testbed.unavailableReason(), ci());
        var running = new RunningTestbed(testbed);
        store.put(KEY, running);
        int count = hostCount(spec);
        running.start(count);
        store.put(TestbedHosts.class, new TestbedHosts(testbed, count, spec.sudoUser()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestbedHosts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var hosts = context.getStore(NAMESPACE).get(TestbedHosts.class, TestbedHosts.class);
        if (hosts == null) throw new ParameterResolutionException("no testbed started for " + context.getDisplayName());
        return hosts;
    }

    /** The local apt source of the given packages (scripts/debian-packages; cached after the first download). */
    private static String aptSource(java.nio.file.Path testbedScript, String[] packages) {
        var command = new java.util.ArrayList<String>();
        command.add(testbedScript.getParent().getParent().resolve("scripts/debian-packages").toString());
        command.addAll(List.of(packages));
        var r = CommandResult.run(command, Map.of(), java.time.Duration.ofMinutes(10));
        requireAvailable(r.exitCode() == 0 ? Optional.empty() : Optional.of("scripts/debian-packages failed: " + r.stderr().strip()), ci());
        return r.stdout().strip();
    }

    /** {@link Testbed#hosts()}, or the value of its {@link Testbed#hostsProperty()} when that is set. */
    static int hostCount(Testbed spec) {
        String configured = spec.hostsProperty().isEmpty() ? null : System.getProperty(spec.hostsProperty());
        if (configured == null || configured.isBlank()) return spec.hosts();
        int n;
        try {
            n = Integer.parseInt(configured.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 254) throw new IllegalStateException("-D" + spec.hostsProperty() + " must be a host count 1..254, not " + configured);
        return n;
    }

    /**
     * Skips (JUnit assumption) when the machine cannot run the testbed, except in CI, where a missing
     * testbed must fail loudly instead of silently dropping the integration tests.
     */
    static void requireAvailable(Optional<String> reason, boolean ci) {
        if (reason.isEmpty()) return;
        if (ci) throw new IllegalStateException("CI=true but the testbed cannot run here: " + reason.get());
        Assumptions.assumeTrue(false, "testbed unavailable, skipping: " + reason.get());
    }

    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** One fixed directory, so a run killed with SIGKILL is cleaned up by the next run's start. */
    static Path stateDir() {
        var configured = setting("labc.testbedDir", "LABC_TESTBED_DIR");
        if (configured != null) return Path.of(configured);
        return Path.of(System.getProperty("java.io.tmpdir"), "labc-testbed-junit");
    }

    /**
     * The first three octets of the hosts' addresses. Two test runs on one machine (two worktrees)
     * each set their own, with their own {@link #stateDir()}, so their hosts never collide.
     */
    static String prefix() {
        var configured = setting("labc.testbedPrefix", "LABC_TESTBED_PREFIX");
        if (configured == null) return "127.0.10";
        if (!configured.matches("127\\.\\d{1,3}\\.\\d{1,3}"))
            throw new IllegalStateException("LABC_TESTBED_PREFIX must look like 127.0.21, not " + configured);
        return configured;
    }

    private static String setting(String property, String envVar) {
        var value = System.getProperty(property);
        if (value == null || value.isBlank()) value = System.getenv(envVar);
        return value == null || value.isBlank() ? null : value;
    }

    private static HashMap<String, String> environment(Testbed spec) {
        var env = new HashMap<String, String>();
        env.put("TESTBED_NET", spec.netns() || spec.systemd() || !spec.lan().isEmpty() ? "netns" : "shared");
        env.put("TESTBED_LAN", spec.lan());
        env.put("TESTBED_INIT", spec.systemd() ? "systemd" : "sshd");
        env.put("TESTBED_SUDO_USER", spec.sudoUser() ? TestbedHosts.SUDO_USER : "");
        env.put("TESTBED_PREFIX", prefix());
        return env;
    }

    /** Stops the hosts exactly once: when the class's store closes, or from the JVM shutdown hook. */
    private static final class RunningTestbed implements ExtensionContext.Store.CloseableResource {
        private final TestbedScript script;
        private final Thread hook;
        private boolean stopped;

        RunningTestbed(TestbedScript script) {
            this.script = script;
            this.hook = new Thread(this::stopQuietly, "testbed-stop");
        }

        void start(int hosts) {
            Runtime.getRuntime().addShutdownHook(hook);
            script.start(hosts); // on failure the store still closes this resource, which stops what started
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; stop() below is idempotent
            }
            stop();
        }

        private synchronized void stop() {
            if (stopped) return;
            stopped = true;
            script.stop();
        }

        private void stopQuietly() {
            try {
                stop();
            } catch (RuntimeException e) {
                System.err.println("testbed: stop at JVM exit failed: " + e.getMessage());
            }
        }
    }
}
