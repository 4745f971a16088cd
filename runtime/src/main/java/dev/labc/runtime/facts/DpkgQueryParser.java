package dev.labc.runtime.facts;

import dev.labc.facts.InstalledPackage;
import dev.labc.shell.ShellCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dpkg-query -W -f '${Package}\t${Version}\t${db:Status-Abbrev}\n'}. The abbreviation's
 * first letter is the wanted state ({@code h} = held), the second the current one.
 * A package listed for two architectures keeps its first line.
 */
public final class DpkgQueryParser implements FactGatherer<Map<String, InstalledPackage>> {

    @Override
    public String id() {
        return "packages";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder().literal("dpkg-query").literal("-W").literal("-f")
                .value("${Package}\\t${Version}\\t${db:Status-Abbrev}\\n").build();
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return FactGatherer.programOnPath("dpkg-query");
    }

    @Override
    public Map<String, InstalledPackage> parse(String stdout) throws FactParseException {
        Text.requireContent(id(), stdout);
        Map<String, InstalledPackage> packages = new LinkedHashMap<>();
        for (String line : Text.lines(stdout)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3 || f[0].isEmpty() || f[2].length() < 2) {
                throw Text.bad(id(), "expected package, version and status abbreviation", line);
            }
            char want = f[2].charAt(0);
            String status = status(f[2].charAt(1));
            if (status == null || "uirhp".indexOf(want) < 0) {
                throw Text.bad(id(), "unknown status abbreviation '" + f[2] + "'", line);
            }
            packages.putIfAbsent(f[0], new InstalledPackage(f[0], f[1].isEmpty() ? null : f[1], status, want == 'h'));
        }
        return packages;
    }

    private static String status(char c) {
        return switch (c) {
            case 'n' -> "not-installed";
            case 'c' -> "config-files";
            case 'H' -> "half-installed";
            case 'U' -> "unpacked";
            case 'F' -> "half-configured";
            case 'W' -> "triggers-awaited";
            case 't' -> "triggers-pending";
            case 'i' -> "installed";
            default -> null;
        };
    }
}
