package dev.labc.facts;

import java.util.List;
import java.util.Objects;

/**
 * A loaded module from /proc/modules; {@code state} is {@code Live}, {@code Loading} or
 * {@code Unloading}. {@code refCount} is null where the kernel prints {@code -} (built without
 * module unloading, as on the captured GPU node).
 */
public record KernelModule(String name, long sizeBytes, Integer refCount, List<String> usedBy, String state) {
    public KernelModule {
        Objects.requireNonNull(name, "name");
        usedBy = Copies.list(usedBy);
    }
}
