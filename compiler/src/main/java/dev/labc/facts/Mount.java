package dev.labc.facts;

import java.util.List;
import java.util.Objects;

/** A mounted filesystem from /proc/mounts, octal escapes ({@code \040}) decoded. */
public record Mount(String device, String mountPoint, String fsType, List<String> options) {
    public Mount {
        Objects.requireNonNull(mountPoint, "mountPoint");
        options = Copies.list(options);
    }
}
