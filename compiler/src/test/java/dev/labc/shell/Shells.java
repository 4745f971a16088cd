package dev.labc.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs scripts through the real shells installed on this machine. */
final class Shells {

    /** /bin/sh always; bash and dash when installed, since either may be a host's /bin/sh. */
    static List<String> available() {
        List<String> shells = new ArrayList<>(List.of("/bin/sh"));
        for (String candidate : List.of("/bin/bash", "/usr/bin/bash", "/bin/dash", "/usr/bin/dash")) {
            String name = Path.of(candidate).getFileName().toString();
            if (Files.isExecutable(Path.of(candidate)) && shells.stream().noneMatch(s -> s.endsWith("/" + name))) {
                shells.add(candidate);
            }
        }
        return shells;
    }

    record Result(int exitCode, byte[] stdout, String stderr) {}

    /**
     * {@code shell -c script}, as sshd runs a remote command. The JVM encodes argv with
     * sun.jnu.encoding; if that is not UTF-8 the script goes through stdin instead so that
     * non-ASCII text reaches the shell as UTF-8 bytes either way.
     */
    static Result run(String shell, String script, byte[] stdin) throws IOException, InterruptedException {
        boolean utf8Argv = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
        if (!utf8Argv && stdin.length > 0) {
            throw new IllegalStateException("argv is not UTF-8 and stdin is taken");
        }
        ProcessBuilder pb = utf8Argv ? new ProcessBuilder(shell, "-c", script) : new ProcessBuilder(shell, "-s");
        Process p = pb.start();
        byte[] input = utf8Argv ? stdin : script.getBytes(StandardCharsets.UTF_8);
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(input);
            } catch (IOException ignored) {
                // the script may exit without reading stdin
            }
        });
        var err = new ByteArrayOutputStream();
        Thread errReader = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("shell did not finish: " + shell);
        }
        writer.join();
        errReader.join();
        return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException ignored) {
            // stderr is diagnostic only
        }
    }

    private Shells() {}
}
