package dev.labc.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command-line testbed (testbed/testbed) bound to one state directory and one set of start
 * options; every Java entry point goes through it so the script stays the single implementation.
 */
public final class TestbedScript {
    static final Duration LIMIT = Duration.ofSeconds(120);

    private final Path script;
    private final Path dir;
    private final Map<String, String> env;

    public TestbedScript(Path script, Path dir, Map<String, String> env) {
        this.script = script;
        this.dir = dir;
        this.env = Map.copyOf(env);
    }

    /** The script in this repository (system property labc.repoRoot, else found above the working dir). */
    public static Optional<Path> locate() {
        var root = System.getProperty("labc.repoRoot");
        if (root != null && !root.isBlank()) {
            var candidate = Path.of(root, "testbed", "testbed");
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        for (var d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            var candidate = d.resolve("testbed").resolve("testbed");
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    public Path dir() {
        return dir;
    }

    /** Why this machine cannot run the testbed with these options, or empty when it can. */
    public Optional<String> unavailableReason() {
        if (!Files.isExecutable(Path.of("/bin/bash"))) return Optional.of("no /bin/bash");
        var result = CommandResult.run(command(List.of("check")), env, LIMIT);
        if (result.exitCode() == 0) return Optional.empty();
        var why = (result.stdout() + result.stderr()).strip();
        return Optional.of(why.isEmpty() ? "testbed check failed (exit " + result.exitCode() + ")" : why);
    }

    public void start(int hosts) {
        run("start", Integer.toString(hosts));
    }

    public void stop() {
        run("stop");
    }

    public String status() {
        return run("status");
    }

    /** Runs one script command and returns its stdout; a non-zero exit becomes an exception with the output. */
    public String run(String... args) {
        var result = CommandResult.run(command(List.of(args)), env, LIMIT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("testbed " + String.join(" ", args) + " failed (exit " + result.exitCode() + "):\n"
                    + result.stdout() + result.stderr());
        }
        return result.stdout();
    }

    /** The command line that runs {@code args} with this testbed's script and state dir, for a program to run itself. */
    public List<String> commandLine(String... args) {
        return command(List.of(args));
    }

    private List<String> command(List<String> args) {
        var command = new ArrayList<String>();
        command.add("/bin/bash");
        command.add(script.toString());
        command.add("--dir");
        command.add(dir.toString());
        command.addAll(args);
        return command;
    }
}
