package dev.labc.runtime.facts;

import dev.labc.facts.UserAccount;
import dev.labc.shell.ShellCommand;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code getent passwd} (directory users included), falling back to /etc/passwd. First entry per name wins, as in libc. */
public final class PasswdParser implements FactGatherer<Map<String, UserAccount>> {

    @Override
    public String id() {
        return "passwd";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder().literal("getent").literal("passwd").literal("2>/dev/null")
                .literal("||").literal("cat").value("/etc/passwd").build();
    }

    @Override
    public Map<String, UserAccount> parse(String stdout) throws FactParseException {
        Text.requireContent(id(), stdout);
        Map<String, UserAccount> users = new LinkedHashMap<>();
        for (String line : Text.lines(stdout)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length != 7) {
                throw Text.bad(id(), "expected 7 colon-separated fields", line);
            }
            users.putIfAbsent(f[0], new UserAccount(f[0], id(f[2], line), id(f[3], line), f[4], f[5], f[6]));
        }
        return users;
    }

    private long id(String field, String line) throws FactParseException {
        try {
            return Long.parseUnsignedLong(field);
        } catch (NumberFormatException e) {
            throw Text.bad(id(), "uid/gid is not a number", line);
        }
    }
}
