package dev.labc.facts;

import java.util.Objects;

/**
 * A GPU instance profile from {@code nvidia-smi mig -lgip}: e.g. {@code 1g.10gb}, id 19, 7 of 7
 * instances free. {@code name} omits the {@code MIG } prefix.
 */
public record MigProfile(int gpuIndex, String name, int id, int instancesFree, int instancesTotal,
                         double memoryGib, int smCount) {
    public MigProfile {
        Objects.requireNonNull(name, "name");
    }
}
