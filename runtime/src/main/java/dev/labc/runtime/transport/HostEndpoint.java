package dev.labc.runtime.transport;

import java.util.Optional;

/**
 * Where and how to reach one host: the node's name (for messages and state), the address dialled,
 * the SSH port and login user, and an optional jump host reached first (seed 004's login node).
 * A non-root {@code user} runs every command through {@code sudo -n}.
 */
public record HostEndpoint(String name, String address, int port, String user, Optional<HostEndpoint> jump) {
    public HostEndpoint {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        jump = jump == null ? Optional.empty() : jump;
    }

    public static HostEndpoint root(String name, String address) {
        return new HostEndpoint(name, address, 22, "root", Optional.empty());
    }

    public boolean needsSudo() {
        return !"root".equals(user);
    }
}
