package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;
import dev.labc.shell.ShellCommand;
import java.util.Optional;

/**
 * What labc replaced on a host, kept there so that removing a declaration gives it back: the file
 * that sat at a path before labc first wrote it (content, mode, owner: {@code cp -a}), or the line
 * a {@code line} replaced. Kept once, at labc's first write, in a root-only directory; a path that
 * did not exist is marked {@code .absent} instead, so a later write never keeps labc's own text.
 * Removing the `/etc/motd` declaration once deleted the distribution's own file for good.
 * Every command is a {@link ShellCommand}: paths and lines are quoted arguments, never pasted.
 */
public final class Originals {
    /** Root-only: an original may be a file only root could read (a key, a shadow file). */
    public static final String DIR = "/var/lib/labc/originals";

    private Originals() {}

    /** The entry for one resource: named by a digest, so any path or line gives a plain file name. */
    public static String entry(String kind, String path, String detail) {
        return DIR + "/" + kind + "-" + Sh.sha256(path + "\0" + detail);
    }

    private static ShellCommand.Builder prepare() {
        return ShellCommand.builder().literal("mkdir").literal("-p").value(DIR).literal("&&").literal("chmod").literal("700").value("/var/lib/labc").value(DIR);
    }

    /** {@code [ TEST PATH ]} as a command. */
    private static ShellCommand test(String flag, String path) {
        return ShellCommand.builder().literal("[").literal(flag).value(path).literal("]").build();
    }

    /** Keeps the file at {@code path} (or that there was none), unless an earlier write already did. */
    static ShellCommand keepFile(String path) {
        String k = entry("file", path, "");
        return prepare().literal("&&").literal("{").append(test("-e", k)).literal("||").append(test("-L", k)).literal("||").append(test("-e", k + ".absent")).literal("||")
                .literal("if").append(test("-e", path)).literal("||").append(test("-L", path)).literal(";").literal("then")
                .literal("cp").literal("-a").value(path).value(k + ".tmp").literal("&&").literal("mv").literal("-fT").value(k + ".tmp").value(k)
                .literal(";").literal("else").literal(":").literal(">").value(k + ".absent").literal(";").literal("fi").literal(";").literal("}").build();
    }

    /** Puts the kept file back at {@code path} (content, mode, owner), or removes the path when there was none. */
    static ShellCommand restoreFile(String path) {
        String k = entry("file", path, "");
        return ShellCommand.builder().literal("if").append(test("-e", k)).literal("||").append(test("-L", k)).literal(";").literal("then")
                .literal("mv").literal("-fT").value(k).value(path).literal(";").literal("else").literal("rm").literal("-f").value(path).literal(";").literal("fi")
                .literal("&&").literal("rm").literal("-f").value(k + ".absent").build();
    }

    /**
     * Keeps the first line of the file that equals the line or matches its ERE, which the line
     * resource is about to replace (none: marked absent); once, before the first write. Line and
     * pattern reach awk through the environment, as LineResource passes them.
     */
    static ShellCommand keepLine(HostStep.Line a) {
        String k = entry("line", a.path(), a.line());
        String first = "($0 == ENVIRON[\"L\"] || (ENVIRON[\"M\"] != \"\" && $0 ~ ENVIRON[\"M\"])) { print; exit }";
        return prepare().literal("&&").literal("{").append(test("-e", k)).literal("||").append(test("-e", k + ".absent")).literal("||").literal("{")
                // A file the line is about to create held no line: awk on a missing file would exit 2.
                .literal("{").literal("[").literal("!").literal("-e").value(a.path()).literal("]")
                .literal("||").append(LineResource.awk(a, first).value(a.path()).build()).literal(";").literal("}").literal("2>/dev/null").literal(">").value(k + ".tmp")
                .literal("&&").literal("if").append(test("-s", k + ".tmp")).literal(";").literal("then").literal("mv").literal("-f").value(k + ".tmp").value(k)
                .literal(";").literal("else").literal("rm").literal("-f").value(k + ".tmp").literal("&&").literal(":").literal(">").value(k + ".absent").literal(";").literal("fi")
                .literal(";").literal("}").literal(";").literal("}").build();
    }

    /**
     * A shell test that succeeds when the host keeps an original for this recorded step (a file or
     * line labc replaced), so that removing it restores the original; empty for other steps.
     */
    public static Optional<String> keptTest(HostStep step) {
        return switch (step) {
            case HostStep.File f -> Optional.of(test("-e", entry("file", f.path(), "")).display());
            case HostStep.Line l -> Optional.of(test("-e", entry("line", l.path(), l.line())).display());
            default -> Optional.empty();
        };
    }

    /** The kept line's entry, for LineResource's delete: when present, that line takes {@code line}'s place. */
    static String lineEntry(String path, String line) {
        return entry("line", path, line);
    }
}
