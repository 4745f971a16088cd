package dev.labc.runtime.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Checks a host's key against OpenSSH known_hosts files (plain and hashed {@code |1|} entries,
 * {@code [host]:port} forms, {@code @cert-authority} and {@code @revoked} markers). Looks hosts up by
 * the name and address labc meant to reach, not the socket it ended up on: a host behind a jump
 * host is dialled through a forwarded local port.
 */
final class KnownHostsVerifier {
    /** Why a key was refused, worded for the one-line report. */
    sealed interface Verdict {
        record Trusted() implements Verdict {}
        record Unknown() implements Verdict {}
        record Changed(Path file) implements Verdict {}
        record Revoked(Path file) implements Verdict {}
    }

    private final List<Path> files;
    private final SshOptions.HostKeyPolicy policy;

    KnownHostsVerifier(List<Path> files, SshOptions.HostKeyPolicy policy) {
        this.files = List.copyOf(files);
        this.policy = policy;
    }

    Verdict check(List<String> names, int port, PublicKey key) throws IOException {
        Path changedIn = null;
        for (Path file : files) {
            if (!Files.isReadable(file)) continue;
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                if (names.stream().noneMatch(n -> entry.isHostMatch(n, port))) continue;
                PublicKey listed = resolve(entry);
                if (listed == null) continue;
                String marker = entry.getMarker();
                if ("revoked".equals(marker)) {
                    if (KeyUtils.compareKeys(listed, key)) return new Verdict.Revoked(file);
                } else if ("cert-authority".equals(marker)) {
                    if (key instanceof OpenSshCertificate cert && cert.getType() == OpenSshCertificate.Type.HOST
                            && KeyUtils.compareKeys(listed, cert.getCaPubKey())) return new Verdict.Trusted();
                } else if (KeyUtils.compareKeys(listed, key)) {
                    return new Verdict.Trusted();
                } else if (listed.getAlgorithm().equals(key.getAlgorithm())) {
                    changedIn = file; // same key type, other key: OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED"
                }
            }
        }
        return changedIn != null ? new Verdict.Changed(changedIn) : new Verdict.Unknown();
    }

    /**
     * Verifies and, under ACCEPT_NEW, records an unknown key in the first file.
     *
     * @return null if the key is trusted, else the reason it is not
     */
    String verify(String host, List<String> names, int port, PublicKey key) {
        try {
            return switch (check(names, port, key)) {
                case Verdict.Trusted t -> null;
                case Verdict.Revoked r -> "host key is marked @revoked in " + r.file();
                case Verdict.Changed c -> "host key differs from the one in " + c.file()
                        + " (the host was reinstalled, or someone is in the middle); if the change is expected,"
                        + " remove the old line with `ssh-keygen -R " + names.get(0) + " -f " + c.file() + "`";
                case Verdict.Unknown u -> {
                    if (policy == SshOptions.HostKeyPolicy.ACCEPT_NEW && !files.isEmpty()) {
                        record(names.get(0), port, key);
                        yield null;
                    }
                    yield "host key is not in " + (files.isEmpty() ? "any known_hosts file" : files.get(0))
                            + "; add it (ssh-keyscan) or run once with --accept-new";
                }
            };
        } catch (IOException | RuntimeException e) {
            return "cannot read known_hosts: " + e.getMessage();
        }
    }

    private synchronized void record(String name, int port, PublicKey key) throws IOException {
        Path file = files.get(0);
        String host = port == 22 ? name : "[" + name + "]:" + port;
        String line = host + " " + PublicKeyEntry.toString(key) + "\n";
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static PublicKey resolve(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry().resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return null; // a line we cannot read (unknown key type) is not a match, as in OpenSSH
        }
    }
}
