package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/**
 * A directory with a mode (four digits for setgid and sticky: 2775, 1777) and, when declared, an
 * owner and a group; deleting removes it only when empty, so no data goes with it.
 */
public final class DirectoryResource implements HostResource {
    @Override
    public String check(Attrs a) {
        String p = a.str("path");
        String format = "%a" + (a.has("owner") ? " %U" : "") + (a.has("group") ? " %G" : "");
        String expected = Sh.mode(a.str("mode", "0755")) + (a.has("owner") ? " " + a.str("owner") : "") + (a.has("group") ? " " + a.str("group") : "");
        return "[ -d " + q(p) + " ] && [ \"$(stat -c " + q(format) + " " + q(p) + ")\" = " + q(expected) + " ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        String p = a.str("path");
        String chown = !a.has("owner") && !a.has("group") ? ""
                : " && chown " + q((a.has("owner") ? a.str("owner") : "") + (a.has("group") ? ":" + a.str("group") : "")) + " " + q(p);
        // chmod after chown (which may clear setgid); five digits, because GNU chmod keeps a
        // directory's setgid bit on a plain `chmod 755` and only `00755` clears it.
        return "mkdir -p " + q(p) + chown + " && chmod " + Sh.directoryMode(a.str("mode", "0755")) + " " + q(p);
    }

    @Override
    public String delete(Attrs a) {
        return "rmdir " + q(a.str("path")) + " 2>/dev/null || true";
    }
}
