package dev.labc.shell;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One element of a {@link ShellCommand}. Who wrote the text decides the kind: labc's own program
 * text is a {@link Literal}; anything that came from a user, a host or a file is a {@link Value};
 * a secret is a {@link SecretRef} and only its name ever sits in a plan.
 */
public sealed interface Arg {

    /**
     * Trusted program text written by labc itself ({@code apt-get}, {@code &&}, {@code >}). Emitted
     * verbatim, so it must never be built from input. NUL and line breaks are refused because a
     * literal is one token, and a newline would start a new command.
     */
    record Literal(String text) implements Arg {
        public Literal {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty() || text.indexOf('\0') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a literal must be one non-empty line without NUL: " + text);
            }
        }
    }

    /** Untrusted data; always passed through {@link ShellQuote#quote(String)}. */
    record Value(String value) implements Arg {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A secret, by name. Displayed as {@code (secret)}; resolved through a {@link SecretResolver}
     * only when the runtime renders the command for execution, then quoted like a value.
     */
    record SecretRef(String name) implements Arg {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-/]+");

        public SecretRef {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("bad secret name: " + name);
            }
        }
    }
}
