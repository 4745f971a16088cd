package dev.labc.runtime.facts;

import dev.labc.facts.Mount;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;

/** /proc/mounts: what is mounted now, in mount order (later mounts over the same point win). */
public final class MountsParser implements FactGatherer<List<Mount>> {

    @Override
    public String id() {
        return "mounts";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder().literal("cat").value("/proc/mounts").build();
    }

    @Override
    public List<Mount> parse(String stdout) throws FactParseException {
        Text.requireContent(id(), stdout);
        List<Mount> mounts = new ArrayList<>();
        for (String line : Text.lines(stdout)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            if (f.length != 6) {
                throw Text.bad(id(), "expected 6 fields", line);
            }
            mounts.add(new Mount(Octal.decode(f[0]), Octal.decode(f[1]), f[2], List.of(f[3].split(","))));
        }
        return mounts;
    }
}
