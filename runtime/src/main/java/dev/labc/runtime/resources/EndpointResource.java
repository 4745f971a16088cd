package dev.labc.runtime.resources;

import dev.labc.shell.SecretResolver;

/**
 * Where labc reaches a node (address, port, user, jump node): nothing on the host itself. It is
 * recorded in state so that a node no longer declared can still be reached to remove its resources.
 */
public final class EndpointResource implements HostResource {
    @Override
    public String check(Attrs a) {
        return "true";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        return "true";
    }

    @Override
    public String delete(Attrs a) {
        return "true";
    }
}
