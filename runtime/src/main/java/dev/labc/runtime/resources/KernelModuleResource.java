package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** A kernel module loaded now and, when persisted, at boot through /etc/modules-load.d. */
public final class KernelModuleResource implements HostResource {
    private static String file(Attrs a) {
        return "/etc/modules-load.d/labc-" + a.str("name") + ".conf";
    }

    @Override
    public String check(Attrs a) {
        String c = "grep -q '^'" + q(a.str("name")) + "' ' /proc/modules";
        if (a.bool("persist", true)) c += " && " + Sh.hasContent(file(a), a.str("name") + "\n");
        return c;
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        String s = "modprobe " + q(a.str("name"));
        if (a.bool("persist", true)) s += " && " + Sh.write(file(a), a.str("name") + "\n");
        return s;
    }

    @Override
    public String delete(Attrs a) {
        return "rm -f " + q(file(a));
    }
}
