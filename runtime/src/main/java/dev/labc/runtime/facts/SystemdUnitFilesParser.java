package dev.labc.runtime.facts;

import dev.labc.shell.ShellCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code systemctl list-unit-files}: unit name to its enablement state (enabled, disabled, masked, static...). */
public final class SystemdUnitFilesParser implements FactGatherer<Map<String, String>> {

    @Override
    public String id() {
        return "systemd-unit-files";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("systemctl", "list-unit-files", "--no-legend", "--no-pager", "--full");
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return SystemdUnitsParser.SYSTEMD_RUNNING;
    }

    @Override
    public Map<String, String> parse(String stdout) throws FactParseException {
        Map<String, String> states = new LinkedHashMap<>();
        for (String line : Text.lines(stdout)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length < 2) {
                throw Text.bad(id(), "expected UNIT FILE and STATE", line);
            }
            states.put(f[0], f[1]);
        }
        return states;
    }
}
