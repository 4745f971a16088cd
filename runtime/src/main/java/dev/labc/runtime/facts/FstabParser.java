package dev.labc.runtime.facts;

import dev.labc.facts.FstabEntry;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;

/** /etc/fstab (fstab(5)); a missing file is an empty table. */
public final class FstabParser implements FactGatherer<List<FstabEntry>> {

    @Override
    public String id() {
        return "fstab";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder().literal("if").literal("[").literal("-e").value("/etc/fstab").literal("];")
                .literal("then").literal("cat").value("/etc/fstab").literal(";").literal("fi").build();
    }

    @Override
    public List<FstabEntry> parse(String stdout) throws FactParseException {
        List<FstabEntry> entries = new ArrayList<>();
        for (String line : Text.contentLines(stdout)) {
            String[] f = line.split("\\s+");
            if (f.length < 3 || f.length > 6) {
                throw Text.bad(id(), "expected 3 to 6 fields", line);
            }
            List<String> options = f.length > 3 ? List.of(f[3].split(",")) : List.of("defaults");
            entries.add(new FstabEntry(Octal.decode(f[0]), Octal.decode(f[1]), f[2], options,
                    f.length > 4 ? number(f[4], line) : 0, f.length > 5 ? number(f[5], line) : 0));
        }
        return entries;
    }

    private int number(String s, String line) throws FactParseException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw Text.bad(id(), "dump/pass field is not a number", line);
        }
    }
}
