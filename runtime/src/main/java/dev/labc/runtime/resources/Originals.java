package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

/**
 * What labc replaced on a host, kept there so that removing a declaration gives it back: the file
 * that sat at a path before labc first wrote it (content, mode, owner: {@code cp -a}), or the line
 * a {@code line} replaced. Kept once, at labc's first write, in a root-only directory; a path that
 * did not exist is marked {@code .absent} instead, so a later write never keeps labc's own text.
 * Removing the `/etc/motd` declaration once deleted the distribution's own file for good.
 */
public final class Originals {
    /** Root-only: an original may be a file only root could read (a key, a shadow file). */
    public static final String DIR = "/var/lib/labc/originals";

    private Originals() {}

    /** The entry for one resource: named by a digest, so any path or line gives a plain file name. */
    public static String entry(String kind, String path, String detail) {
        return DIR + "/" + kind + "-" + Sh.sha256(path + "\0" + detail);
    }

    private static String prepare() {
        return "mkdir -p " + q(DIR) + " && chmod 700 /var/lib/labc " + q(DIR);
    }

    /** Keeps the file at {@code path} (or that there was none), unless an earlier write already did. */
    static String keepFile(String path) {
        String k = entry("file", path, "");
        return prepare() + " && { [ -e " + q(k) + " ] || [ -L " + q(k) + " ] || [ -e " + q(k + ".absent") + " ] || "
                + "if [ -e " + q(path) + " ] || [ -L " + q(path) + " ]; then cp -a " + q(path) + " " + q(k + ".tmp") + " && mv -fT " + q(k + ".tmp") + " " + q(k)
                + "; else : > " + q(k + ".absent") + "; fi; }";
    }

    /** Puts the kept file back at {@code path} (content, mode, owner), or removes the path when there was none. */
    static String restoreFile(String path) {
        String k = entry("file", path, "");
        return "if [ -e " + q(k) + " ] || [ -L " + q(k) + " ]; then mv -fT " + q(k) + " " + q(path) + "; else rm -f " + q(path) + "; fi && rm -f " + q(k + ".absent");
    }

    /**
     * Keeps the first line of {@code path} that equals {@code line} or matches the ERE {@code match},
     * which the line resource is about to replace (none: marked absent); once, before the first write.
     * Line and pattern reach awk through the environment, as LineResource passes them.
     */
    static String keepLine(String path, String line, String match) {
        String k = entry("line", path, line);
        return prepare() + " && { [ -e " + q(k) + " ] || [ -e " + q(k + ".absent") + " ] || { "
                // A file the line is about to create held no line: awk on a missing file would exit 2.
                + "{ [ ! -e " + q(path) + " ] || L=" + q(line) + " M=" + q(match) + " awk '($0 == ENVIRON[\"L\"] || (ENVIRON[\"M\"] != \"\" && $0 ~ ENVIRON[\"M\"])) { print; exit }' "
                + q(path) + "; } 2>/dev/null > " + q(k + ".tmp") + " && if [ -s " + q(k + ".tmp") + " ]; then mv -f " + q(k + ".tmp") + " " + q(k)
                + "; else rm -f " + q(k + ".tmp") + " && : > " + q(k + ".absent") + "; fi; }; }";
    }

    /**
     * A shell test that succeeds when the host keeps an original for this recorded resource (a file
     * or line labc replaced), so that removing it restores the original; empty for other types.
     */
    public static java.util.Optional<String> keptTest(String type, Attrs a) {
        return switch (type) {
            case "file" -> java.util.Optional.of("[ -e " + q(entry("file", a.str("path"), "")) + " ]");
            case "line" -> java.util.Optional.of("[ -e " + q(entry("line", a.str("path"), a.str("line"))) + " ]");
            default -> java.util.Optional.empty();
        };
    }

    /** The kept line's entry, for LineResource's delete: when present, that line takes {@code line}'s place. */
    static String lineEntry(String path, String line) {
        return entry("line", path, line);
    }
}
