package dev.labc.facts;

import java.util.Objects;

/** From /etc/os-release: {@code id} ({@code ubuntu}), {@code versionId} ({@code 24.04}); the rest may be null. */
public record OsRelease(String id, String versionId, String versionCodename, String prettyName) {
    public OsRelease {
        Objects.requireNonNull(id, "id");
    }
}
