package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** A kernel parameter set now and persisted in its own /etc/sysctl.d file. */
public final class SysctlResource implements HostResource {
    private static String file(Attrs a) {
        return "/etc/sysctl.d/90-labc-" + a.str("key") + ".conf";
    }

    @Override
    public String check(Attrs a) {
        return "[ \"$(sysctl -n " + q(a.str("key")) + ")\" = " + q(a.str("value")) + " ] && "
                + Sh.hasContent(file(a), a.str("key") + " = " + a.str("value") + "\n");
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        return Sh.write(file(a), a.str("key") + " = " + a.str("value") + "\n") + " && sysctl -q -w " + q(a.str("key") + "=" + a.str("value"));
    }

    @Override
    public String delete(Attrs a) {
        return "rm -f " + q(file(a)); // the live value stays until reboot, as with any sysctl.d change
    }
}
