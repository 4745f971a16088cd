package dev.labc.runtime.facts;

import dev.labc.facts.Kernel;
import dev.labc.shell.ShellCommand;
import java.util.List;

/** Kernel release, version and machine, one per line ({@code uname -v} contains spaces). */
public final class UnameParser implements FactGatherer<Kernel> {

    @Override
    public String id() {
        return "uname";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("uname", "-r").andThen(ShellCommand.of("uname", "-v")).andThen(ShellCommand.of("uname", "-m"));
    }

    @Override
    public Kernel parse(String stdout) throws FactParseException {
        List<String> lines = Text.lines(stdout);
        if (lines.size() != 3 || lines.stream().anyMatch(String::isBlank)) {
            throw Text.bad(id(), "expected release, version and machine lines", stdout);
        }
        return new Kernel(lines.get(0).strip(), lines.get(1).strip(), lines.get(2).strip());
    }
}
