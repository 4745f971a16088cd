package dev.labc.runtime.facts;

import dev.labc.facts.MigMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** nvidia-smi's value spellings, shared by the CSV and XML parsers. */
final class NvidiaValues {
    private static final Pattern LEADING_NUMBER = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)(?:\\s*\\S+)?\\s*");

    private NvidiaValues() {}

    /** {@code N/A}, {@code [N/A]}, {@code [Not Supported]}, {@code [Unknown Error]} and the like. */
    static boolean unavailable(String v) {
        if (v == null) {
            return true;
        }
        String s = v.strip();
        return s.isEmpty() || s.equals("N/A") || (s.startsWith("[") && s.endsWith("]"));
    }

    /** {@code 81559}, {@code 81559 MiB}, {@code 700.00 W}: the number, units dropped; null if unavailable. */
    static Double number(String v) {
        if (unavailable(v)) {
            return null;
        }
        Matcher m = LEADING_NUMBER.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a number: " + v);
        }
        return Double.parseDouble(m.group(1));
    }

    static Boolean enabled(String v) {
        if (unavailable(v)) {
            return null;
        }
        return switch (v.strip()) {
            case "Enabled", "On" -> true;
            case "Disabled", "Off" -> false;
            default -> throw new IllegalArgumentException("not Enabled/Disabled: " + v);
        };
    }

    static MigMode migMode(String v) {
        Boolean on = enabled(v);
        return on == null ? MigMode.UNSUPPORTED : on ? MigMode.ENABLED : MigMode.DISABLED;
    }
}
