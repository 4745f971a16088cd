package dev.labc.testkit;

/** What one run of OpenSSH's {@code ssh} client returned; exit code 255 means ssh itself failed. */
public record SshResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
