package dev.labc.facts;

import java.util.Objects;

/** An active swap area from /proc/swaps; sizes in KiB as the kernel reports them. */
public record SwapDevice(String filename, String type, long sizeKib, long usedKib, int priority) {
    public SwapDevice {
        Objects.requireNonNull(filename, "filename");
    }
}
