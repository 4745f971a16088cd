package dev.labc.runtime.resources;

import dev.labc.shell.FileWriteCommand;
import dev.labc.shell.ShellCommand;
import dev.labc.shell.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Script fragments the resource types share; every value still goes through ShellQuote. */
final class Sh {
    private Sh() {}

    static String q(String value) {
        return ShellQuote.quote(value);
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the file at {@code path} has exactly {@code content}. */
    static String hasContent(String path, String content) {
        return ShellCommand.builder().literal("[").literal("-f").value(path).literal("]").literal("&&").literal("[")
                .output(ShellCommand.builder().literal("sha256sum").literal("<").value(path).build())
                .literal("=").value(sha256(content) + "  -").literal("]").build().display();
    }

    /**
     * What {@code sha256sum} prints for {@code content} on its standard input ({@code HEX  -}),
     * compared whole so no {@code cut} is forked: a no-op refresh runs one check per recorded
     * resource on every host, and each process forked there is host CPU.
     */
    static String digestOfStdin(String content) {
        return q(sha256(content) + "  -");
    }

    /** True when {@code path}'s mode (as {@code stat -c %a} prints it) and owner are these: one stat, not two. */
    static String hasModeAndOwner(String path, String mode, String owner) {
        return ShellCommand.builder().literal("[").output(ShellCommand.builder().literal("stat").literal("-c").value("%a %U").value(path).build())
                .literal("=").value(mode(mode) + " " + owner).literal("]").build().display();
    }

    /**
     * Replaces the file atomically (temp file beside it, then rename). Scripts travel on stdin, so
     * content larger than one command-line argument may hold is sent as several base64 chunks.
     */
    static String write(String path, String content) {
        return write(path, content, null, null);
    }

    /**
     * As {@link #write(String, String)}, and the temporary file gets {@code mode} and {@code owner}
     * before it is renamed into place, so the file never exists at {@code path} with other
     * permissions (a secret is never briefly world-readable). Whatever sits at the temporary name is
     * removed first and the temporary file is created with noclobber: a symlink planted there is
     * never written through (the rename replaces a symlink at {@code path} itself, never its target).
     */
    static String write(String path, String content, String mode, String owner) {
        String dir = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        String tmp = FileWriteCommand.temporaryPath(path);
        String b64 = java.util.Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        var b = ShellCommand.builder().literal("mkdir").literal("-p").value(dir).literal("&&").literal("rm").literal("-f").value(tmp)
                .literal("&&").literal("{").literal("(");
        if (mode != null) b.literal("umask").literal("077").literal("&&");
        b.literal("set").literal("-C").literal("&&").literal("{");
        for (int i = 0; i < b64.length() || i == 0; i += 60_000) {
            b.literal("printf").literal("%s").value(b64.substring(i, Math.min(b64.length(), i + 60_000))).literal(";");
        }
        b.literal("}").literal("|").literal("base64").literal("-d").literal(">").value(tmp).literal(")");
        if (mode != null) b.literal("&&").literal("chmod").value(mode(mode)).value(tmp);
        if (owner != null) b.literal("&&").literal("chown").value(owner).value(tmp);
        return b.literal("&&").literal("mv").literal("-fT").value(tmp).value(path)
                .literal("||").literal("{").literal("rm").literal("-f").value(tmp).literal(";").literal("false;").literal("}").literal(";").literal("}")
                .build().display();
    }

    /** A directory's mode for GNU chmod: five digits, so a setgid bit not declared is cleared, not kept. */
    static String directoryMode(String mode) {
        String m = mode(mode);
        return "0".repeat(5 - m.length()) + m;
    }

    /** Octal mode without leading zeros, as {@code stat -c %a} prints it. */
    static String mode(String mode) {
        String m = mode.replaceFirst("^0+(?=.)", "");
        if (!m.matches("[0-7]{1,4}")) throw new IllegalArgumentException("mode " + mode + " is not octal");
        return m;
    }
}
