package dev.labc.runtime.resources;

import dev.labc.shell.FileWriteCommand;
import dev.labc.shell.SecretResolver;
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
        return "[ -f " + q(path) + " ] && [ \"$(sha256sum < " + q(path) + " | cut -d' ' -f1)\" = " + sha256(content) + " ]";
    }

    /**
     * Replaces the file atomically (temp file beside it, then rename). Scripts travel on stdin, so
     * content larger than one command-line argument may hold is sent as several base64 chunks.
     */
    static String write(String path, String content) {
        String dir = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= FileWriteCommand.MAX_INLINE_BYTES) {
            return "mkdir -p " + q(dir) + " && " + FileWriteCommand.inline(path, bytes).render(SecretResolver.NONE);
        }
        String b64 = java.util.Base64.getEncoder().encodeToString(bytes);
        var chunks = new StringBuilder("{ ");
        for (int i = 0; i < b64.length(); i += 60_000) chunks.append("printf %s ").append(q(b64.substring(i, Math.min(b64.length(), i + 60_000)))).append("; ");
        chunks.append("}");
        String tmp = q(FileWriteCommand.temporaryPath(path));
        return "mkdir -p " + q(dir) + " && { " + chunks + " | base64 -d > " + tmp + " && mv -fT " + tmp + " " + q(path) + " || { rm -f " + tmp + "; false; }; }";
    }

    /** Octal mode without leading zeros, as {@code stat -c %a} prints it. */
    static String mode(String mode) {
        String m = mode.replaceFirst("^0+(?=.)", "");
        if (!m.matches("[0-7]{1,4}")) throw new IllegalArgumentException("mode " + mode + " is not octal");
        return m;
    }
}
