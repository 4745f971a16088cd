package dev.labc.facts;

import java.util.Objects;

/**
 * A package known to the package database. {@code status} is the database's word
 * ({@code installed}, {@code config-files}, {@code half-installed}, ...); {@code held} means the
 * package manager will not upgrade it ({@code apt-mark hold}).
 */
public record InstalledPackage(String name, String version, String status, boolean held) {
    public InstalledPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    /** Unpacked and configured, i.e. usable; other statuses are leftovers or broken installs. */
    public boolean installed() {
        return status.equals("installed");
    }
}
