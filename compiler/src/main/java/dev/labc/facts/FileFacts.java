package dev.labc.facts;

import java.util.Objects;

/**
 * One path the plan touches, as {@code lstat} sees it (a symlink is reported, not followed).
 * {@code mode} is four octal digits ({@code 0644}); {@code sha256} is set for readable regular
 * files only; {@code symlinkTarget} for symlinks only. Everything but path and type is null when
 * the path is missing.
 */
public record FileFacts(String path, FileType type, String mode, String owner, String group, Long size,
                        String sha256, String symlinkTarget) {
    public FileFacts {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
    }

    public static FileFacts missing(String path) {
        return new FileFacts(path, FileType.MISSING, null, null, null, null, null, null);
    }

    public boolean exists() {
        return type != FileType.MISSING;
    }
}
