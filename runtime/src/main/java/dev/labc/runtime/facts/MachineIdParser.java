package dev.labc.runtime.facts;

import dev.labc.shell.ShellCommand;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * /etc/machine-id. Empty (images not yet booted, as in the captured GPU node) or missing is an
 * answer, not an error: the cluster check for unique machine-ids needs to see it.
 */
public final class MachineIdParser implements FactGatherer<Optional<String>> {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    @Override
    public String id() {
        return "machine-id";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder().literal("cat").value("/etc/machine-id").build();
    }

    @Override
    public boolean toleratesFailure() {
        return true;
    }

    @Override
    public Optional<String> parse(String stdout) throws FactParseException {
        String id = stdout.strip();
        if (id.isEmpty() || id.equals("uninitialized")) {
            return Optional.empty();
        }
        if (!ID.matcher(id).matches()) {
            throw Text.bad(id(), "not 32 lower-case hex digits", id);
        }
        return Optional.of(id);
    }
}
