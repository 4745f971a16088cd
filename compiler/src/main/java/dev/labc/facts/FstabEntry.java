package dev.labc.facts;

import java.util.List;
import java.util.Objects;

/** A line of /etc/fstab (fs_spec, fs_file, fs_vfstype, fs_mntops, fs_freq, fs_passno). */
public record FstabEntry(String spec, String file, String vfsType, List<String> options, int freq, int passno) {
    public FstabEntry {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(file, "file");
        options = Copies.list(options);
    }

    public boolean swap() {
        return "swap".equals(vfsType);
    }
}
