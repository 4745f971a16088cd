package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** A kernel parameter set now and persisted in its own /etc/sysctl.d file. */
public final class SysctlResource implements HostResource<HostStep.Sysctl> {
    private static String file(HostStep.Sysctl a) {
        return "/etc/sysctl.d/90-labc-" + a.key() + ".conf";
    }

    @Override
    public String check(HostStep.Sysctl a) {
        return "[ \"$(sysctl -n " + q(a.key()) + ")\" = " + q(a.value()) + " ] && "
                + Sh.hasContent(file(a), a.key() + " = " + a.value() + "\n");
    }

    @Override
    public String apply(HostStep.Sysctl a, SecretResolver secrets) {
        return Sh.write(file(a), a.key() + " = " + a.value() + "\n") + " && sysctl -q -w " + q(a.key() + "=" + a.value());
    }

    @Override
    public String delete(HostStep.Sysctl a) {
        return "rm -f " + q(file(a)); // the live value stays until reboot, as with any sysctl.d change
    }
}
