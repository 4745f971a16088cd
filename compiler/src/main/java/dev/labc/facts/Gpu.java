package dev.labc.facts;

import java.util.Objects;

/**
 * One NVIDIA GPU. Nullable fields are ones nvidia-smi may report as N/A or that a given query did
 * not ask for: {@code powerLimitWatts}, {@code persistenceMode}.
 */
public record Gpu(int index, String uuid, String name, long memoryTotalMib, Double powerLimitWatts,
                  Boolean persistenceMode, MigMode migMode, String pciBusId) {
    public Gpu {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(migMode, "migMode");
    }
}
