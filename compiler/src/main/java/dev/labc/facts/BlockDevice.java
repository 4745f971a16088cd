package dev.labc.facts;

import java.util.List;
import java.util.Objects;

/** A block device from {@code lsblk -J -b}; partitions and holders are {@code children}. */
public record BlockDevice(String name, String type, long sizeBytes, boolean readOnly, boolean removable,
                          List<String> mountPoints, List<BlockDevice> children) {
    public BlockDevice {
        Objects.requireNonNull(name, "name");
        mountPoints = Copies.list(mountPoints);
        children = Copies.list(children);
    }
}
