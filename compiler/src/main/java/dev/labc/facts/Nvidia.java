package dev.labc.facts;

import java.util.Comparator;
import java.util.List;

/** The NVIDIA driver and its GPUs (sorted by index) and MIG profiles (empty where MIG is unsupported). */
public record Nvidia(String driverVersion, String cudaVersion, List<Gpu> gpus, List<MigProfile> migProfiles) {
    public Nvidia {
        gpus = Copies.list(gpus).stream().sorted(Comparator.comparingInt(Gpu::index)).toList();
        migProfiles = Copies.list(migProfiles);
    }
}
