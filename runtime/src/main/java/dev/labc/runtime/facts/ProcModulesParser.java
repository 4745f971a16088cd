package dev.labc.runtime.facts;

import dev.labc.facts.KernelModule;
import dev.labc.shell.ShellCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * /proc/modules: read directly because lsmod is often absent (it was on the captured GPU node).
 * A kernel built without module support has no /proc/modules: the section is then absent.
 */
public final class ProcModulesParser implements FactGatherer<Map<String, KernelModule>> {

    @Override
    public String id() {
        return "modules";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder().literal("cat").value("/proc/modules").build();
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return Optional.of(ShellCommand.builder().literal("test").literal("-e").value("/proc/modules").build());
    }

    @Override
    public Map<String, KernelModule> parse(String stdout) throws FactParseException {
        Map<String, KernelModule> modules = new LinkedHashMap<>();
        for (String line : Text.lines(stdout)) {
            if (line.isBlank()) {
                continue;
            }
            // name size refcount used-by state address [taint]
            String[] f = line.split(" ");
            if (f.length < 6) {
                throw Text.bad(id(), "expected at least 6 fields", line);
            }
            List<String> usedBy = f[3].equals("-") ? List.of()
                    : List.of(f[3].replaceAll(",$", "").split(","));
            modules.put(f[0], FactParseException.guard(id(), () ->
                    new KernelModule(f[0], Long.parseLong(f[1]), f[2].equals("-") ? null : Integer.valueOf(f[2]), usedBy, f[4])));
        }
        return modules;
    }
}
