package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** The running hostname and /etc/hostname; hostnamectl is not used so hosts without systemd work. */
public final class HostnameResource implements HostResource {
    @Override
    public String check(Attrs a) {
        String n = a.str("name");
        return "[ \"$(hostname)\" = " + q(n) + " ] && [ \"$(cat /etc/hostname 2>/dev/null)\" = " + q(n) + " ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        String n = a.str("name");
        return "hostname " + q(n) + " && printf '%s\\n' " + q(n) + " > /etc/hostname";
    }

    @Override
    public String delete(Attrs a) {
        return "true"; // a host always has a name; forgetting the resource leaves it as it is
    }
}
