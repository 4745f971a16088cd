package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;

/** The running hostname and /etc/hostname; hostnamectl is not used so hosts without systemd work. */
public final class HostnameResource implements HostResource<HostStep.Hostname> {
    @Override
    public String check(HostStep.Hostname a) {
        return ShellCommand.builder().literal("[").output(ShellCommand.of("hostname")).literal("=").value(a.name()).literal("]").literal("&&")
                .literal("[").output(ShellCommand.builder().literal("cat").literal("/etc/hostname").literal("2>/dev/null").build()).literal("=").value(a.name()).literal("]")
                .build().display();
    }

    @Override
    public String apply(HostStep.Hostname a, SecretResolver secrets) {
        return ShellCommand.builder().literal("hostname").value(a.name()).literal("&&").literal("printf").literal("'%s\\n'").value(a.name())
                .literal(">").literal("/etc/hostname").build().display();
    }

    @Override
    public String delete(HostStep.Hostname a) {
        return "true"; // a host always has a name; forgetting the resource leaves it as it is
    }
}
