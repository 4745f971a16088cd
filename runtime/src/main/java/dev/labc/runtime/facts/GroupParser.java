package dev.labc.runtime.facts;

import dev.labc.facts.GroupEntry;
import dev.labc.shell.ShellCommand;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code getent group}, falling back to /etc/group. */
public final class GroupParser implements FactGatherer<Map<String, GroupEntry>> {

    @Override
    public String id() {
        return "group";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder().literal("getent").literal("group").literal("2>/dev/null")
                .literal("||").literal("cat").value("/etc/group").build();
    }

    @Override
    public Map<String, GroupEntry> parse(String stdout) throws FactParseException {
        Text.requireContent(id(), stdout);
        Map<String, GroupEntry> groups = new LinkedHashMap<>();
        for (String line : Text.lines(stdout)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length != 4) {
                throw Text.bad(id(), "expected 4 colon-separated fields", line);
            }
            long gid;
            try {
                gid = Long.parseUnsignedLong(f[2]);
            } catch (NumberFormatException e) {
                throw Text.bad(id(), "gid is not a number", line);
            }
            List<String> members = f[3].isEmpty() ? List.of() : Arrays.asList(f[3].split(","));
            groups.putIfAbsent(f[0], new GroupEntry(f[0], gid, members));
        }
        return groups;
    }
}
