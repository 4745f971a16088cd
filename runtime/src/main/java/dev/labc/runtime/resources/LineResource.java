package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/**
 * One line in a file labc does not own (sshd_config's {@code ClientAliveInterval 60}): present
 * exactly once, replacing the first line that matches {@code match} (an awk ERE) if given, or
 * absent. Line and pattern reach awk through the environment, never through its program text.
 */
public final class LineResource implements HostResource {
    private static String env(Attrs a) {
        return "L=" + q(a.str("line")) + " M=" + q(a.str("match", "")) + " ";
    }

    private static boolean absent(Attrs a) {
        return a.str("state", "present").equals("absent");
    }

    @Override
    public String check(Attrs a) {
        String p = q(a.str("path"));
        if (absent(a)) return "! { [ -f " + p + " ] && grep -qxF -- " + q(a.str("line")) + " " + p + "; }";
        return "[ -f " + p + " ] && [ \"$(grep -cxF -- " + q(a.str("line")) + " " + p + ")\" = 1 ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        String p = q(a.str("path"));
        String tmp = q(a.str("path") + ".labc-tmp");
        String program = absent(a)
                ? "'$0 != ENVIRON[\"L\"]'"
                // Keep the first line equal to L or matching M (as L), drop later duplicates, append L if none.
                : "'($0 == ENVIRON[\"L\"] || (ENVIRON[\"M\"] != \"\" && $0 ~ ENVIRON[\"M\"])) { if (!done) print ENVIRON[\"L\"]; done = 1; next } { print } END { if (!done) print ENVIRON[\"L\"] }'";
        // The line this one replaces is kept once, for delete to put back (Originals).
        String keep = absent(a) ? "" : Originals.keepLine(a.str("path"), a.str("line"), a.str("match", "")) + " && ";
        return keep + "touch " + p + " && " + env(a) + "awk " + program + " " + p + " > " + tmp + " && cat " + tmp + " > " + p + " && rm -f " + tmp;
    }

    @Override
    public String delete(Attrs a) {
        String p = q(a.str("path"));
        String tmp = q(a.str("path") + ".labc-tmp");
        String kept = q(Originals.lineEntry(a.str("path"), a.str("line")));
        // With a kept original, it takes the line's place; else the line goes, as it came.
        String restore = "if [ -e " + kept + " ]; then " + env(a) + "R=\"$(cat " + kept + ")\" awk '$0 == ENVIRON[\"L\"] { if (!done) print ENVIRON[\"R\"]; done = 1; next } { print }' "
                + p + " > " + tmp + "; else " + env(a) + "awk '$0 != ENVIRON[\"L\"]' " + p + " > " + tmp + "; fi";
        return "{ [ ! -f " + p + " ] || { " + restore + " && cat " + tmp + " > " + p + " && rm -f " + tmp + "; }; } && rm -f " + kept + " " + q(Originals.lineEntry(a.str("path"), a.str("line")) + ".absent");
    }
}
