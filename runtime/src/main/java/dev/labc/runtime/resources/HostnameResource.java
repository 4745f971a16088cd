package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** The running hostname and /etc/hostname; hostnamectl is not used so hosts without systemd work. */
public final class HostnameResource implements HostResource<HostStep.Hostname> {
    @Override
    public String check(HostStep.Hostname a) {
        String n = a.name();
        return "[ \"$(hostname)\" = " + q(n) + " ] && [ \"$(cat /etc/hostname 2>/dev/null)\" = " + q(n) + " ]";
    }

    @Override
    public String apply(HostStep.Hostname a, SecretResolver secrets) {
        String n = a.name();
        return "hostname " + q(n) + " && printf '%s\\n' " + q(n) + " > /etc/hostname";
    }

    @Override
    public String delete(HostStep.Hostname a) {
        return "true"; // a host always has a name; forgetting the resource leaves it as it is
    }
}
