package dev.labc.runtime.apply;

import java.util.List;

/** What a report may quote of a host's output: one line, short, and never a secret the script carried. */
public final class ReportText {
    private ReportText() {}

    /** Host output with every secret value the script carried, and each line of one, replaced by {@code (secret)}. */
    public static String redact(String text, List<String> secretValues) {
        String out = text;
        for (String v : secretValues) {
            if (v == null || v.isEmpty()) continue;
            out = out.replace(v, "(secret)");
            for (String line : v.split("\n")) if (!line.isBlank()) out = out.replace(line, "(secret)");
        }
        return out;
    }

    /**
     * The last line of stderr, or an earlier line that is the same complaint with its cause: coreutils
     * print "base64: write error: No space left on device" and then, closing stdout, "base64: write error".
     * Empty, or {@code ": "} and the line.
     */
    public static String lastLine(String stderr) {
        String[] lines = stderr.strip().split("\n");
        String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        for (int i = lines.length - 2; i >= 0 && !last.isEmpty(); i--) {
            if (lines[i].strip().startsWith(last + ": ")) {
                last = lines[i].strip();
                break;
            }
        }
        return last.isEmpty() ? "" : ": " + oneLine(last);
    }

    /** {@code s} on one line, cut at 300 characters. */
    public static String oneLine(String s) {
        String t = s == null ? "" : s.replace('\n', ' ').strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
