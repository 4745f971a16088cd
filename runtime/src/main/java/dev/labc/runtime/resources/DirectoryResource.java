package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** A directory with a mode; deleting removes it only when empty, so no data goes with it. */
public final class DirectoryResource implements HostResource {
    @Override
    public String check(Attrs a) {
        String p = a.str("path");
        return "[ -d " + q(p) + " ] && [ \"$(stat -c %a " + q(p) + ")\" = " + Sh.mode(a.str("mode", "0755")) + " ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        String p = a.str("path");
        return "mkdir -p " + q(p) + " && chmod " + Sh.mode(a.str("mode", "0755")) + " " + q(p);
    }

    @Override
    public String delete(Attrs a) {
        return "rmdir " + q(a.str("path")) + " 2>/dev/null || true";
    }
}
