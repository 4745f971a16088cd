package dev.labc.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a time limit; stdin is /dev/null so nothing waits on it. */
record CommandResult(int exitCode, String stdout, String stderr) {
    private static final java.util.concurrent.Executor DRAIN = runnable -> Thread.ofVirtual().name("command-output").start(runnable);

    static CommandResult run(List<String> command, Map<String, String> env, Duration limit) {
        var builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        // Own threads, not the common pool: a test that keeps the common pool busy (an apply run with
        // supplyAsync on a 2-core machine, whose pool has one thread) would hold `testbed down` until it ends.
        var out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), DRAIN);
        var err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), DRAIN);
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + limit + ": " + command);
            }
            return new CommandResult(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
