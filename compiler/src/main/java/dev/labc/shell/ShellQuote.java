package dev.labc.shell;

import java.util.regex.Pattern;

/**
 * The one function that turns an arbitrary value into POSIX {@code sh} text that the shell reads
 * back as exactly that value, as a single word.
 *
 * <p>Style: a value made only of characters no POSIX shell (or bash) treats specially is written
 * as is, so plans stay readable ({@code nvidia-driver-580}); anything else is wrapped in single
 * quotes, inside which sh interprets nothing, and each embedded {@code '} is written as
 * {@code '\''} (close, escaped quote, reopen). The empty string becomes {@code ''}.
 *
 * <p>Values sh cannot carry are rejected with {@link UnquotableValueException} rather than
 * silently altered: NUL (a C string ends there) and unpaired UTF-16 surrogates (no UTF-8 bytes
 * exist for them, so the remote side would receive a substitute character).
 */
public final class ShellQuote {

    /**
     * Characters left unquoted. Excludes {@code =} (a leading {@code a=b} word is an assignment),
     * {@code ~} (tilde expansion), {@code {}} (bash brace expansion) and {@code #} (comment).
     */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+:,./-]+");

    private ShellQuote() {}

    /** Returns sh text that evaluates to exactly {@code value} as one word. */
    public static String quote(String value) {
        checkRepresentable(value);
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                out.append("'\\''");
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static void checkRepresentable(String value) {
        if (value == null) {
            throw new UnquotableValueException("a null value cannot be passed to the shell");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new UnquotableValueException(
                        "value contains a NUL character at index " + i
                                + "; a shell argument cannot carry NUL (ship binary data as file content instead)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new UnquotableValueException(
                        "value contains an unpaired UTF-16 surrogate at index " + i + "; it has no UTF-8 encoding");
            }
        }
    }
}
