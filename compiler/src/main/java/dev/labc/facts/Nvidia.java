package dev.labc.facts;

import java.util.Comparator;
import java.util.List;

/**
 * The NVIDIA driver and its GPUs (sorted by index), MIG profiles (empty where MIG is unsupported)
 * and the GPU instances that exist (empty where MIG is off or nothing was created).
 */
public record Nvidia(String driverVersion, String cudaVersion, List<Gpu> gpus, List<MigProfile> migProfiles, List<MigInstance> migInstances) {
    public Nvidia {
        gpus = Copies.list(gpus).stream().sorted(Comparator.comparingInt(Gpu::index)).toList();
        migProfiles = Copies.list(migProfiles);
        migInstances = Copies.list(migInstances);
    }

    /** Without the GPU instances: a probe that did not list them. */
    public Nvidia(String driverVersion, String cudaVersion, List<Gpu> gpus, List<MigProfile> migProfiles) {
        this(driverVersion, cudaVersion, gpus, migProfiles, List.of());
    }
}
