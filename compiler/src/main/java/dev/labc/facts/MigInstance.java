package dev.labc.facts;

import java.util.Objects;

/**
 * A GPU instance from {@code nvidia-smi mig -lgi}: on GPU {@code gpuIndex}, of profile
 * {@code profile} (e.g. {@code 3g.40gb}, id 9), instance id {@code instanceId}, placed at memory
 * slices {@code placementStart} to {@code placementStart + placementSize}.
 */
public record MigInstance(int gpuIndex, String profile, int profileId, int instanceId, int placementStart, int placementSize) {
    public MigInstance {
        Objects.requireNonNull(profile, "profile");
        if (gpuIndex < 0 || profileId < 0 || instanceId < 0 || placementStart < 0 || placementSize < 1) {
            throw new IllegalArgumentException("not a GPU instance: " + gpuIndex + " " + profile + " " + profileId + " " + instanceId);
        }
    }
}
