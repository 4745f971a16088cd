package dev.labc.runtime.facts;

import dev.labc.facts.SwapDevice;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;

/** /proc/swaps: active swap areas (a header line, then one line per area; sizes in KiB). */
public final class ProcSwapsParser implements FactGatherer<List<SwapDevice>> {

    @Override
    public String id() {
        return "swaps";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder().literal("cat").value("/proc/swaps").build();
    }

    @Override
    public List<SwapDevice> parse(String stdout) throws FactParseException {
        List<String> lines = Text.lines(stdout);
        if (lines.isEmpty() || !lines.get(0).startsWith("Filename")) {
            throw new FactParseException(id(), "missing the /proc/swaps header line");
        }
        List<SwapDevice> swaps = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length != 5) {
                throw Text.bad(id(), "expected 5 fields", line);
            }
            swaps.add(FactParseException.guard(id(), () -> new SwapDevice(Octal.decode(f[0]), f[1],
                    Long.parseLong(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]))));
        }
        return swaps;
    }
}
