package dev.labc.runtime.facts;

import dev.labc.shell.ShellCommand;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's clock as epoch milliseconds, from {@code date +%s.%N}. A date without {@code %N}
 * (busybox prints it literally) still gives whole seconds.
 */
public final class DateParser implements FactGatherer<Long> {

    private static final Pattern EPOCH = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}|N))?");

    @Override
    public String id() {
        return "date";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("date", "+%s.%N");
    }

    @Override
    public Long parse(String stdout) throws FactParseException {
        Matcher m = EPOCH.matcher(stdout.strip());
        if (!m.matches()) {
            throw Text.bad(id(), "not seconds since the epoch", stdout.strip());
        }
        long millis = Long.parseLong(m.group(1)) * 1000;
        String frac = m.group(2);
        if (frac != null && !frac.equals("N")) {
            millis += Long.parseLong((frac + "00").substring(0, 3));
        }
        return millis;
    }
}
