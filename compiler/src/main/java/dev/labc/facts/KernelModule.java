package dev.labc.facts;

import java.util.List;
import java.util.Objects;

/** A loaded module from /proc/modules; {@code state} is {@code Live}, {@code Loading} or {@code Unloading}. */
public record KernelModule(String name, long sizeBytes, int refCount, List<String> usedBy, String state) {
    public KernelModule {
        Objects.requireNonNull(name, "name");
        usedBy = Copies.list(usedBy);
    }
}
