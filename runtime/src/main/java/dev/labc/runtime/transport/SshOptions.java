package dev.labc.runtime.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@link SshTransport} connects: which known_hosts files it trusts and whether it may add new
 * keys, which identities it offers, the OpenSSH config it honours, timeouts, an optional pinned
 * key exchange, and the dial allow-list.
 */
public record SshOptions(List<Path> knownHosts, HostKeyPolicy hostKeyPolicy, List<Path> identities,
                         Optional<String> passphrase, Optional<Path> sshConfig, Duration connectTimeout,
                         Duration keepAlive, Optional<String> keyExchange, DialAllowList allowList, Optional<Path> agentSocket) {

    public SshOptions(List<Path> knownHosts, HostKeyPolicy hostKeyPolicy, List<Path> identities,
                      Optional<String> passphrase, Optional<Path> sshConfig, Duration connectTimeout,
                      Duration keepAlive, Optional<String> keyExchange, DialAllowList allowList) {
        this(knownHosts, hostKeyPolicy, identities, passphrase, sshConfig, connectTimeout, keepAlive, keyExchange, allowList, Optional.empty());
    }

    /** STRICT refuses unknown and changed keys; ACCEPT_NEW records unknown keys, refuses changed ones. */
    public enum HostKeyPolicy { STRICT, ACCEPT_NEW }

    public SshOptions {
        knownHosts = List.copyOf(knownHosts);
        identities = List.copyOf(identities);
    }

    /** OpenSSH's defaults for the current user: ~/.ssh/known_hosts, the global file, ~/.ssh/id_*, ~/.ssh/config. */
    public static SshOptions defaults() {
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        var ids = new ArrayList<Path>();
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            if (Files.isReadable(ssh.resolve(name))) ids.add(ssh.resolve(name));
        }
        var known = new ArrayList<Path>(List.of(ssh.resolve("known_hosts")));
        if (Files.isReadable(Path.of("/etc/ssh/ssh_known_hosts"))) known.add(Path.of("/etc/ssh/ssh_known_hosts"));
        Optional<Path> config = Files.isReadable(ssh.resolve("config")) ? Optional.of(ssh.resolve("config")) : Optional.empty();
        return new SshOptions(known, HostKeyPolicy.STRICT, ids, Optional.ofNullable(System.getenv("LABC_SSH_PASSPHRASE")),
                config, Duration.ofSeconds(10), Duration.ofSeconds(15), Optional.empty(), DialAllowList.fromEnvironment(),
                Optional.ofNullable(System.getenv("SSH_AUTH_SOCK")).filter(s -> !s.isBlank()).map(Path::of));
    }

    public SshOptions withKnownHosts(List<Path> files) {
        return new SshOptions(files, hostKeyPolicy, identities, passphrase, sshConfig, connectTimeout, keepAlive, keyExchange, allowList, agentSocket);
    }

    public SshOptions withHostKeyPolicy(HostKeyPolicy policy) {
        return new SshOptions(knownHosts, policy, identities, passphrase, sshConfig, connectTimeout, keepAlive, keyExchange, allowList, agentSocket);
    }

    public SshOptions withIdentities(List<Path> files) {
        return new SshOptions(knownHosts, hostKeyPolicy, files, passphrase, sshConfig, connectTimeout, keepAlive, keyExchange, allowList, agentSocket);
    }

    public SshOptions withSshConfig(Optional<Path> config) {
        return new SshOptions(knownHosts, hostKeyPolicy, identities, passphrase, config, connectTimeout, keepAlive, keyExchange, allowList, agentSocket);
    }

    public SshOptions withConnectTimeout(Duration timeout) {
        return new SshOptions(knownHosts, hostKeyPolicy, identities, passphrase, sshConfig, timeout, keepAlive, keyExchange, allowList, agentSocket);
    }

    /** Pins one key exchange, e.g. {@code curve25519-sha256} where the post-quantum default costs too much. */
    public SshOptions withKeyExchange(String name) {
        return new SshOptions(knownHosts, hostKeyPolicy, identities, passphrase, sshConfig, connectTimeout, keepAlive, Optional.of(name), allowList, agentSocket);
    }

    /** Offer the keys of the ssh-agent listening on {@code socket} (before identity files). */
    public SshOptions withAgent(Optional<Path> socket) {
        return new SshOptions(knownHosts, hostKeyPolicy, identities, passphrase, sshConfig, connectTimeout, keepAlive, keyExchange, allowList, socket);
    }

    public SshOptions withAllowList(DialAllowList list) {
        return new SshOptions(knownHosts, hostKeyPolicy, identities, passphrase, sshConfig, connectTimeout, keepAlive, keyExchange, list, agentSocket);
    }
}
