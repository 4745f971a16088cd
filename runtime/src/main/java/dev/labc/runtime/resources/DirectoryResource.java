package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/**
 * A directory with a mode (four digits for setgid and sticky: 2775, 1777) and, when declared, an
 * owner and a group; deleting removes it only when empty, so no data goes with it.
 */
public final class DirectoryResource implements HostResource<HostStep.Directory> {
    @Override
    public String check(HostStep.Directory a) {
        String p = a.path();
        String format = "%a" + (a.owner().isPresent() ? " %U" : "") + (a.group().isPresent() ? " %G" : "");
        String expected = Sh.mode(a.mode()) + (a.owner().isPresent() ? " " + a.owner().get() : "") + (a.group().isPresent() ? " " + a.group().get() : "");
        return "[ -d " + q(p) + " ] && [ \"$(stat -c " + q(format) + " " + q(p) + ")\" = " + q(expected) + " ]";
    }

    @Override
    public String apply(HostStep.Directory a, SecretResolver secrets) {
        String p = a.path();
        String chown = !a.owner().isPresent() && !a.group().isPresent() ? ""
                : " && chown " + q((a.owner().isPresent() ? a.owner().get() : "") + (a.group().isPresent() ? ":" + a.group().get() : "")) + " " + q(p);
        // chmod after chown (which may clear setgid); five digits, because GNU chmod keeps a
        // directory's setgid bit on a plain `chmod 755` and only `00755` clears it.
        return "mkdir -p " + q(p) + chown + " && chmod " + Sh.directoryMode(a.mode()) + " " + q(p);
    }

    @Override
    public String delete(HostStep.Directory a) {
        return "rmdir " + q(a.path()) + " 2>/dev/null || true";
    }
}
