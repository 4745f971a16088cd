package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** A group with a fixed GID: the same on every node, so shared files keep their group. */
public final class GroupResource implements HostResource<HostStep.Group> {
    @Override
    public String check(HostStep.Group a) {
        return "[ \"$(getent group " + q(a.name()) + " | cut -d: -f3)\" = " + a.gid() + " ]";
    }

    @Override
    public String apply(HostStep.Group a, SecretResolver secrets) {
        String n = q(a.name());
        long gid = a.gid();
        return "if getent group " + n + " >/dev/null; then groupmod -g " + gid + " " + n + "; else groupadd -g " + gid + " " + n + "; fi";
    }

    @Override
    public String delete(HostStep.Group a) {
        String n = q(a.name());
        return "! getent group " + n + " >/dev/null || groupdel " + n;
    }
}
