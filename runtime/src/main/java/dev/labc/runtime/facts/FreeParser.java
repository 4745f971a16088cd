package dev.labc.runtime.facts;

import dev.labc.facts.Memory;
import dev.labc.shell.ShellCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code free -b}. Columns are found by header name because procps before 3.3.10 had no
 * {@code available} column (then free memory stands in for it).
 */
public final class FreeParser implements FactGatherer<Memory> {

    @Override
    public String id() {
        return "free";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("free", "-b");
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return FactGatherer.programOnPath("free");
    }

    @Override
    public Memory parse(String stdout) throws FactParseException {
        Text.requireContent(id(), stdout);
        List<String> lines = Text.lines(stdout).stream().filter(l -> !l.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).strip().split("\\s+"));
        String[] mem = row(lines, "Mem:");
        String[] swap = row(lines, "Swap:");
        int total = header.indexOf("total");
        int available = header.indexOf("available") >= 0 ? header.indexOf("available") : header.indexOf("free");
        if (total < 0 || available < 0) {
            throw Text.bad(id(), "header lacks total/available columns", lines.get(0));
        }
        return FactParseException.guard(id(), () -> new Memory(
                Long.parseLong(mem[total + 1]), Long.parseLong(mem[available + 1]),
                swap == null ? 0 : Long.parseLong(swap[1]), swap == null ? 0 : Long.parseLong(swap[2])));
    }

    private String[] row(List<String> lines, String label) throws FactParseException {
        for (String l : lines) {
            if (l.startsWith(label)) {
                return l.strip().split("\\s+");
            }
        }
        if (label.equals("Swap:")) {
            return null;
        }
        throw new FactParseException(id(), "no " + label + " line");
    }
}
