package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;
import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;

/**
 * One line in a file labc does not own (sshd_config's {@code ClientAliveInterval 60}): present
 * exactly once, replacing the first line that matches {@code match} (an awk ERE) if given, or
 * absent. Line and pattern reach awk through the environment, never through its program text; every
 * command is a {@link ShellCommand}, so each value is one quoted argument.
 */
public final class LineResource implements HostResource<HostStep.Line> {
    /** Keeps the first line equal to L or matching M (as L), drops later duplicates, appends L if none. */
    static final String PRESENT = "($0 == ENVIRON[\"L\"] || (ENVIRON[\"M\"] != \"\" && $0 ~ ENVIRON[\"M\"])) { if (!done) print ENVIRON[\"L\"]; done = 1; next } { print } END { if (!done) print ENVIRON[\"L\"] }";
    static final String ABSENT = "$0 != ENVIRON[\"L\"]";
    static final String RESTORE = "$0 == ENVIRON[\"L\"] { if (!done) print ENVIRON[\"R\"]; done = 1; next } { print }";

    /** {@code env L=line M=match awk PROGRAM}: the line and pattern as environment, never as awk code. */
    static ShellCommand.Builder awk(HostStep.Line a, String program) {
        return ShellCommand.builder().literal("env").value("L=" + a.line()).value("M=" + a.match().orElse("")).literal("awk").value(program);
    }

    /** {@code FILTER > TMP && cat TMP > PATH && rm -f TMP}: rewritten in place (the path may be a bind mount). */
    private static ShellCommand rewrite(HostStep.Line a, ShellCommand filter) {
        String tmp = a.path() + ".labc-tmp";
        return ShellCommand.builder().append(filter).literal(">").value(tmp)
                .literal("&&").literal("cat").value(tmp).literal(">").value(a.path())
                .literal("&&").literal("rm").literal("-f").value(tmp).build();
    }

    @Override
    public String check(HostStep.Line a) {
        var b = ShellCommand.builder();
        if (a.state() == HostStep.Presence.ABSENT) {
            b.literal("!").literal("{").literal("[").literal("-f").value(a.path()).literal("]").literal("&&")
                    .literal("grep").literal("-qxF").literal("--").value(a.line()).value(a.path()).literal(";").literal("}");
        } else {
            b.literal("[").literal("-f").value(a.path()).literal("]").literal("&&").literal("[")
                    .output(ShellCommand.builder().literal("grep").literal("-cxF").literal("--").value(a.line()).value(a.path()).build())
                    .literal("=").literal("1").literal("]");
        }
        return b.build().display();
    }

    @Override
    public String apply(HostStep.Line a, SecretResolver secrets) {
        boolean absent = a.state() == HostStep.Presence.ABSENT;
        var b = ShellCommand.builder();
        // The line this one replaces is kept once, for delete to put back (Originals).
        if (!absent) b.append(Originals.keepLine(a)).literal("&&");
        b.literal("touch").value(a.path()).literal("&&")
                .append(rewrite(a, awk(a, absent ? ABSENT : PRESENT).value(a.path()).build()));
        return b.build().display();
    }

    @Override
    public String delete(HostStep.Line a) {
        String kept = Originals.lineEntry(a.path(), a.line());
        // With a kept original, it takes the line's place; else the line goes, as it came.
        // R is the kept line, read on the host: env R="$(cat KEPT)" L=... awk RESTORE PATH.
        var withKept = ShellCommand.builder().literal("env").output(ShellCommand.builder().literal("printf").literal("R=%s").output(
                        ShellCommand.builder().literal("cat").value(kept).build()).build())
                .value("L=" + a.line()).value("M=" + a.match().orElse("")).literal("awk").value(RESTORE).value(a.path()).build();
        var restore = ShellCommand.builder().literal("if").literal("[").literal("-e").value(kept).literal("]").literal(";").literal("then")
                .append(rewrite(a, withKept)).literal(";").literal("else")
                .append(rewrite(a, awk(a, ABSENT).value(a.path()).build())).literal(";").literal("fi").build();
        return ShellCommand.builder().literal("{").literal("[").literal("!").literal("-f").value(a.path()).literal("]").literal("||")
                .literal("{").append(restore).literal(";").literal("}").literal(";").literal("}")
                .literal("&&").literal("rm").literal("-f").value(kept).value(kept + ".absent").build().display();
    }
}
