package dev.labc.facts;

import java.util.Objects;

/**
 * A systemd unit: {@code load}/{@code active}/{@code sub} from {@code systemctl list-units}
 * (null for a unit file that is not loaded) and {@code fileState} ({@code enabled}, {@code disabled},
 * {@code masked}, ...) from {@code systemctl list-unit-files} (null for a unit without a file).
 */
public record UnitState(String name, String load, String active, String sub, String fileState) {
    public UnitState {
        Objects.requireNonNull(name, "name");
    }
}
