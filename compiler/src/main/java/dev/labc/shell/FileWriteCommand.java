package dev.labc.shell;

import java.util.Base64;
import java.util.Objects;

/**
 * Commands that replace a remote file's content with arbitrary bytes, atomically: the bytes land
 * in a temporary file beside the target and are renamed over it, so a reader never sees a half
 * written file; on failure the temporary file is removed and the command fails. {@code mv -T} (GNU)
 * keeps a directory at the target from silently swallowing the file.
 *
 * <p>{@link #inline} carries the bytes inside the command as base64 (only {@code [A-Za-z0-9+/=]},
 * so NUL and any other byte survive); it suits the small files of host configuration. Linux caps a
 * single argument (the whole {@code sh -c} text) at 128 KiB, hence {@link #MAX_INLINE_BYTES}; for
 * larger content use {@link #fromStdin}, which expects the transport to send the raw bytes on stdin.
 */
public final class FileWriteCommand {

    /** Largest content {@link #inline} accepts; its base64 stays well under the 128 KiB argument cap. */
    public static final int MAX_INLINE_BYTES = 64 * 1024;

    private FileWriteCommand() {}

    /** {@code rm -f <tmp> && ( set -C && printf %s <base64> | base64 -d > <tmp> ) && mv -fT <tmp> <path> || { rm -f <tmp>; false; }}. */
    public static ShellCommand inline(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        if (content.length > MAX_INLINE_BYTES) {
            throw new IllegalArgumentException("content of " + path + " is " + content.length
                    + " bytes, over the inline limit of " + MAX_INLINE_BYTES + "; send it with fromStdin");
        }
        ShellCommand produce = ShellCommand.builder()
                .literal("printf").literal("%s").value(Base64.getEncoder().encodeToString(content))
                .literal("|").literal("base64").literal("-d")
                .build();
        return replaceAtomically(path, produce);
    }

    /** {@code rm -f <tmp> && ( set -C && cat > <tmp> ) && mv -fT <tmp> <path> || ...}: the caller pipes the raw content to stdin. */
    public static ShellCommand fromStdin(String path) {
        return replaceAtomically(path, ShellCommand.of("cat"));
    }

    /** The temporary file written beside {@code path}; deterministic so that plans are reproducible. */
    public static String temporaryPath(String path) {
        checkPath(path);
        return path + ".labc-tmp";
    }

    private static ShellCommand replaceAtomically(String path, ShellCommand produce) {
        String tmp = temporaryPath(path);
        // Whatever sits at the temporary name (a symlink someone planted) is removed, and the file is
        // created with noclobber (O_EXCL), so the bytes never go through a link to another file.
        return ShellCommand.builder()
                .literal("rm").literal("-f").value(tmp).literal("&&")
                .literal("(").literal("set").literal("-C").literal("&&").append(produce).literal(">").value(tmp).literal(")")
                .literal("&&").literal("mv").literal("-fT").value(tmp).value(path)
                .literal("||").literal("{").literal("rm").literal("-f").value(tmp).literal(";").literal("false;").literal("}")
                .build();
    }

    private static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("a file path must be absolute and name a file: " + path);
        }
    }
}
