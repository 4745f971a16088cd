package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** A group with a fixed GID: the same on every node, so shared files keep their group. */
public final class GroupResource implements HostResource {
    @Override
    public String check(Attrs a) {
        return "[ \"$(getent group " + q(a.str("name")) + " | cut -d: -f3)\" = " + a.num("gid") + " ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        String n = q(a.str("name"));
        long gid = a.num("gid");
        return "if getent group " + n + " >/dev/null; then groupmod -g " + gid + " " + n + "; else groupadd -g " + gid + " " + n + "; fi";
    }

    @Override
    public String delete(Attrs a) {
        String n = q(a.str("name"));
        return "! getent group " + n + " >/dev/null || groupdel " + n;
    }
}
