package dev.labc.runtime.facts;

import dev.labc.shell.ShellCommand;
import java.util.Optional;

/**
 * One fact: the command that prints it on a host and the parser of that output.
 *
 * @param <T> the parsed value
 */
public interface FactGatherer<T> {

    /** Section name in the probe output: lower case, digits and {@code -}. */
    String id();

    /** Run by a POSIX sh on the host; stdout is handed to {@link #parse}, stderr is dropped. */
    ShellCommand command();

    /**
     * A command that succeeds if the host can produce this fact at all; when it fails the fact is
     * reported absent (no nvidia-smi, no systemd), which is a state of the host, not an error.
     */
    default Optional<ShellCommand> presenceCheck() {
        return Optional.empty();
    }

    /** Whether a non-zero exit still leaves stdout worth parsing ({@code sysctl -a} skipping unreadable keys). */
    default boolean toleratesFailure() {
        return false;
    }

    T parse(String stdout) throws FactParseException;

    /** {@code command -v program}: the usual presence check. */
    static Optional<ShellCommand> programOnPath(String program) {
        return Optional.of(ShellCommand.builder().literal("command").literal("-v").value(program).build());
    }
}
