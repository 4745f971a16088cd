package dev.labc.runtime.transport;

import java.nio.charset.StandardCharsets;

/** What one remote command did: its exit status and everything it wrote. */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
