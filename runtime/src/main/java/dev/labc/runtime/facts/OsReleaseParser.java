package dev.labc.runtime.facts;

import dev.labc.facts.OsRelease;
import dev.labc.shell.ShellCommand;
import java.util.HashMap;
import java.util.Map;

/** /etc/os-release (falling back to /usr/lib/os-release, as os-release(5) prescribes). */
public final class OsReleaseParser implements FactGatherer<OsRelease> {

    @Override
    public String id() {
        return "os-release";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.builder().literal("cat").value("/etc/os-release").literal("2>/dev/null")
                .literal("||").literal("cat").value("/usr/lib/os-release").build();
    }

    @Override
    public OsRelease parse(String stdout) throws FactParseException {
        Text.requireContent(id(), stdout);
        Map<String, String> vars = new HashMap<>();
        for (String line : Text.contentLines(stdout)) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw Text.bad(id(), "not a KEY=value line", line);
            }
            vars.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        String id = vars.get("ID");
        if (id == null || id.isEmpty()) {
            throw new FactParseException(id(), "no ID= line");
        }
        return new OsRelease(id, vars.get("VERSION_ID"), vars.get("VERSION_CODENAME"), vars.get("PRETTY_NAME"));
    }

    /** Shell-style value: double quotes allow backslash escapes of {@code "\$`}; single quotes none. */
    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            String inner = v.substring(1, v.length() - 1);
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length() && "\"\\$`".indexOf(inner.charAt(i + 1)) >= 0) {
                    c = inner.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return v;
    }
}
