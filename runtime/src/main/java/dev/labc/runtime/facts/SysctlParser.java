package dev.labc.runtime.facts;

import dev.labc.shell.ShellCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sysctl -a}: {@code key = value} lines. Multi-field values keep their tabs; a key printed
 * on several lines ({@code kernel.core_modes}, one line per mode) gets its values joined by
 * {@code \n}, as its /proc/sys file reads. A non-root
 * probe gets a non-zero exit for unreadable keys yet prints the rest, so failure is tolerated.
 */
public final class SysctlParser implements FactGatherer<Map<String, String>> {

    @Override
    public String id() {
        return "sysctl";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("sysctl", "-a");
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return FactGatherer.programOnPath("sysctl");
    }

    @Override
    public boolean toleratesFailure() {
        return true;
    }

    @Override
    public Map<String, String> parse(String stdout) throws FactParseException {
        Text.requireContent(id(), stdout);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Text.lines(stdout)) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf(" = ");
            String key;
            String value;
            if (eq > 0) {
                key = line.substring(0, eq);
                value = line.substring(eq + 3);
            } else if (line.endsWith(" =")) {
                key = line.substring(0, line.length() - 2);
                value = "";
            } else {
                throw Text.bad(id(), "not a 'key = value' line", line);
            }
            if (key.isBlank() || key.contains(" ")) {
                throw Text.bad(id(), "bad key", line);
            }
            values.merge(key, value, (earlier, later) -> earlier + "\n" + later);
        }
        return values;
    }
}
