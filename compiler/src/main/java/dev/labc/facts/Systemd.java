package dev.labc.facts;

import java.util.Map;

/**
 * Whether systemd runs as init ({@code /run/systemd/system} exists; an installed but idle
 * {@code systemctl}, common in containers, does not count) and its units by name, sorted.
 */
public record Systemd(boolean present, Map<String, UnitState> units) {
    public Systemd {
        units = Copies.sorted(units);
    }

    public static Systemd absent() {
        return new Systemd(false, Map.of());
    }
}
