package dev.labc.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A running testbed as a test sees it: hosts host1..hostN (1-based, like the script), the files a
 * client needs for strict host-key checking, an {@code ssh} that uses them, and the fault commands.
 */
public final class TestbedHosts {
    /** Name of the optional non-root user with passwordless sudo. */
    public static final String SUDO_USER = "labc";

    private final TestbedScript script;
    private final List<TestbedHost> hosts;
    private final boolean hasSudoUser;

    TestbedHosts(TestbedScript script, int count, boolean hasSudoUser) {
        this.script = script;
        this.hosts = IntStream.rangeClosed(1, count).mapToObj(i -> new TestbedHost("host" + i, TestbedExtension.prefix() + "." + i, 22)).toList();
        this.hasSudoUser = hasSudoUser;
    }

    public List<TestbedHost> hosts() {
        return hosts;
    }

    /** Host i, counted from 1. */
    public TestbedHost host(int i) {
        check(i);
        return hosts.get(i - 1);
    }

    public int size() {
        return hosts.size();
    }

    public Path dir() {
        return script.dir();
    }

    /** Private key (OpenSSH format, ed25519) that root, and the sudo user, accept on every host. */
    public Path clientKey() {
        return dir().resolve("keys/client");
    }

    /** Lines {@code host<i>,127.0.10.<i> ssh-ed25519 ...}; not updated by {@link #rekey}. */
    public Path knownHosts() {
        return dir().resolve("known_hosts");
    }

    /** For {@code ssh -F}: user root, the client key, known_hosts with strict checking, host aliases. */
    public Path sshConfig() {
        return dir().resolve("ssh_config");
    }

    /** Host i's sshd log (LogLevel VERBOSE: one "Connection from" line per connection). */
    public Path sshdLog(int i) {
        check(i);
        return dir().resolve("host" + i).resolve("sshd.log");
    }

    public Optional<String> sudoUser() {
        return hasSudoUser ? Optional.of(SUDO_USER) : Optional.empty();
    }

    /** Runs {@code command} as root on host i with OpenSSH's client and strict host-key checking. */
    public SshResult ssh(int i, String command) {
        return sshAs("root", i, command);
    }

    public SshResult sshAs(String user, int i, String command) {
        check(i);
        var result = CommandResult.run(
                List.of("ssh", "-F", sshConfig().toString(), "-l", user, host(i).name(), command),
                java.util.Map.of(), Duration.ofSeconds(120));
        return new SshResult(result.exitCode(), result.stdout(), result.stderr());
    }

    /** Stops host i (its files are kept, like a powered-off machine's disk). */
    public void down(int i) {
        check(i);
        script.run("down", Integer.toString(i));
    }

    /** Starts host i again with the same host key and files. */
    public void up(int i) {
        check(i);
        script.run("up", Integer.toString(i));
    }

    /**
     * The command line that reboots host i (the testbed's {@code reboot}: down, then up with the
     * same key and files), for a program under test to run as that node's reboot command.
     */
    public List<String> rebootCommandLine(int i) {
        check(i);
        return script.commandLine("reboot", Integer.toString(i));
    }

    /** Gives host i a new host key; clients with the old known_hosts then refuse it. */
    public void rekey(int i) {
        check(i);
        script.run("rekey", Integer.toString(i));
    }

    /** Writes host i's current key into known_hosts (after {@link #rekey}). */
    public void trust(int i) {
        check(i);
        script.run("trust", Integer.toString(i));
    }

    /** Delays everything host i sends by {@code ms} milliseconds; 0 makes it normal again. */
    public void slow(int i, long ms) {
        check(i);
        script.run("slow", Integer.toString(i), Long.toString(ms));
    }

    public String status() {
        return script.status();
    }

    private void check(int i) {
        if (i < 1 || i > hosts.size()) throw new IllegalArgumentException("no host" + i + " in a testbed of " + hosts.size());
    }
}
