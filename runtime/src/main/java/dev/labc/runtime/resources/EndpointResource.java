package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import dev.labc.shell.SecretResolver;

/**
 * Where labc reaches a node (address, port, user, jump node): nothing on the host itself. It is
 * recorded in state so that a node no longer declared can still be reached to remove its resources.
 */
public final class EndpointResource implements HostResource<HostStep.Endpoint> {
    @Override
    public String check(HostStep.Endpoint a) {
        return "true";
    }

    @Override
    public String apply(HostStep.Endpoint a, SecretResolver secrets) {
        return "true";
    }

    @Override
    public String delete(HostStep.Endpoint a) {
        return "true";
    }
}
