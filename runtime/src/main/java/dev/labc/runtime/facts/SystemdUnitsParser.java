package dev.labc.runtime.facts;

import dev.labc.facts.UnitState;
import dev.labc.shell.ShellCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code systemctl list-units --all}: UNIT LOAD ACTIVE SUB DESCRIPTION. Present only where systemd
 * is init ({@code /run/systemd/system}), the test sd_booted(3) uses; systemctl in a container
 * without systemd fails.
 */
public final class SystemdUnitsParser implements FactGatherer<Map<String, UnitState>> {

    static final Optional<ShellCommand> SYSTEMD_RUNNING = Optional.of(
            ShellCommand.builder().literal("test").literal("-d").value("/run/systemd/system").build());

    @Override
    public String id() {
        return "systemd-units";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("systemctl", "list-units", "--all", "--no-legend", "--no-pager", "--plain", "--full");
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return SYSTEMD_RUNNING;
    }

    @Override
    public Map<String, UnitState> parse(String stdout) throws FactParseException {
        Map<String, UnitState> units = new LinkedHashMap<>();
        for (String line : Text.lines(stdout)) {
            String l = line.strip();
            if (l.startsWith("●")) {
                l = l.substring(1).strip();
            }
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\\s+", 5);
            if (f.length < 4) {
                throw Text.bad(id(), "expected UNIT LOAD ACTIVE SUB", line);
            }
            units.put(f[0], new UnitState(f[0], f[1], f[2], f[3], null));
        }
        return units;
    }
}
