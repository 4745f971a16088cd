package dev.labc.runtime.facts;

import dev.labc.facts.FileFacts;
import dev.labc.facts.FileType;
import dev.labc.shell.ShellCommand;
import java.util.List;
import java.util.Objects;

/**
 * One path as lstat sees it, plus the SHA-256 of a readable regular file and the target of a
 * symlink. The path is fixed when the gatherer is built (the plan knows it), so it never has to be
 * parsed back out of output. Output: {@code missing}, or {@code present} then type, octal mode,
 * owner, group, size, hash (empty if none) and, for a symlink, the target up to the end.
 */
public final class FileStatParser implements FactGatherer<FileFacts> {

    private final String path;

    public FileStatParser(String path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public String path() {
        return path;
    }

    @Override
    public String id() {
        return "file";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder()
                .literal("if").literal("[").literal("-L").value(path).literal("]").literal("||")
                .literal("[").literal("-e").value(path).literal("];").literal("then")
                .literal("echo").literal("present").literal("&&")
                .literal("stat").literal("--printf").value("%F\\n%a\\n%U\\n%G\\n%s\\n").literal("--").value(path).literal("&&")
                .literal("{").literal("if").literal("[").literal("-f").value(path).literal("]").literal("&&")
                .literal("[").literal("!").literal("-L").value(path).literal("];").literal("then")
                .literal("{").literal("sha256sum").literal("<").value(path).literal("||").literal("echo;").literal("}")
                .literal("|").literal("cut").literal("-d").value(" ").literal("-f").literal("1;")
                .literal("else").literal("echo;").literal("fi;").literal("}").literal("&&")
                .literal("{").literal("if").literal("[").literal("-L").value(path).literal("];").literal("then")
                .literal("readlink").literal("--").value(path).literal(";").literal("fi;").literal("};")
                .literal("else").literal("echo").literal("missing;").literal("fi")
                .build();
    }

    @Override
    public FileFacts parse(String stdout) throws FactParseException {
        if (stdout.strip().equals("missing")) {
            return FileFacts.missing(path);
        }
        List<String> lines = Text.lines(stdout);
        if (lines.size() < 7 || !lines.get(0).equals("present")) {
            throw Text.bad(id(), "unexpected stat output for " + path, stdout);
        }
        FileType type = switch (lines.get(1)) {
            case "regular file", "regular empty file" -> FileType.REGULAR;
            case "directory" -> FileType.DIRECTORY;
            case "symbolic link" -> FileType.SYMLINK;
            default -> FileType.OTHER;
        };
        String mode = lines.get(2);
        if (!mode.matches("[0-7]{1,4}")) {
            throw Text.bad(id(), "mode is not octal", mode);
        }
        String sha = lines.get(6);
        if (!sha.isEmpty() && !sha.matches("[0-9a-f]{64}")) {
            throw Text.bad(id(), "not a SHA-256", sha);
        }
        String target = null;
        if (type == FileType.SYMLINK) {
            // The target is everything after the hash line, which may itself hold newlines.
            int start = nthLineStart(stdout, 7);
            target = stdout.substring(start).replaceFirst("\n$", "");
        }
        long size = FactParseException.guard(id(), () -> Long.parseLong(lines.get(5)));
        return new FileFacts(path, type, "0".repeat(4 - mode.length()) + mode, lines.get(3), lines.get(4), size,
                sha.isEmpty() ? null : sha, target);
    }

    private static int nthLineStart(String s, int n) {
        int at = 0;
        for (int i = 0; i < n; i++) {
            at = s.indexOf('\n', at) + 1;
        }
        return at;
    }
}
