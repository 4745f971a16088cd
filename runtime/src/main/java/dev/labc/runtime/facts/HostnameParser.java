package dev.labc.runtime.facts;

import dev.labc.shell.ShellCommand;

/** The kernel's node name ({@code uname -n}: present everywhere, unlike the hostname tool). */
public final class HostnameParser implements FactGatherer<String> {

    @Override
    public String id() {
        return "hostname";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("uname", "-n");
    }

    @Override
    public String parse(String stdout) throws FactParseException {
        Text.requireContent(id(), stdout);
        String name = stdout.strip();
        if (name.contains("\n") || name.contains(" ")) {
            throw Text.bad(id(), "not a single host name", name);
        }
        return name;
    }
}
