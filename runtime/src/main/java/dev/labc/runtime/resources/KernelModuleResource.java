package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** A kernel module loaded now and, when persisted, at boot through /etc/modules-load.d. */
public final class KernelModuleResource implements HostResource<HostStep.KernelModule> {
    private static String file(HostStep.KernelModule a) {
        return "/etc/modules-load.d/labc-" + a.name() + ".conf";
    }

    @Override
    public String check(HostStep.KernelModule a) {
        String c = "grep -q '^'" + q(a.name()) + "' ' /proc/modules";
        if (a.persist()) c += " && " + Sh.hasContent(file(a), a.name() + "\n");
        return c;
    }

    @Override
    public String apply(HostStep.KernelModule a, SecretResolver secrets) {
        String s = "modprobe " + q(a.name());
        if (a.persist()) s += " && " + Sh.write(file(a), a.name() + "\n");
        return s;
    }

    @Override
    public String delete(HostStep.KernelModule a) {
        return "rm -f " + q(file(a));
    }
}
