package dev.labc.runtime.facts;

import java.util.List;

/** Line handling shared by the text parsers. */
final class Text {
    private Text() {}

    /** Lines without their terminators; a final line break does not yield an empty last line. */
    static List<String> lines(String text) {
        return text.lines().toList();
    }

    /** Non-blank lines that are not {@code #} comments. */
    static List<String> contentLines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    static void requireContent(String factId, String text) throws FactParseException {
        if (text == null || text.isBlank()) {
            throw new FactParseException(factId, "no output");
        }
    }

    static FactParseException bad(String factId, String what, String line) {
        return new FactParseException(factId, what + ": " + abbreviate(line));
    }

    static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
