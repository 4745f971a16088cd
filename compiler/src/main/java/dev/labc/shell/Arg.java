package dev.labc.shell;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One element of a {@link ShellCommand}. Who wrote the text decides the kind: labc's own program
 * text is a {@link Literal}; anything that came from a user, a host or a file is a {@link Value};
 * a secret is a {@link SecretRef} and only its name ever sits in a plan. {@link Output} and
 * {@link Script} nest a command as one word; {@link LabScript} is a lab's own shell code.
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
     * A command's standard output as one word: {@code "$(command)"}. The double quotes keep the
     * output from being split or globbed; inside {@code $( )} quoting starts afresh, so the inner
     * command's values are quoted as anywhere else.
     */
    record Output(ShellCommand command) implements Arg {
        public Output {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * A whole command as one argument, for a program that runs its argument as shell text
     * ({@code sh -c}, {@code runuser -c}): the inner command is rendered, then quoted as a value,
     * so it reaches that shell exactly as labc built it.
     */
    record Script(ShellCommand command) implements Arg {
        public Script {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * Shell text a lab wrote as the {@code run} or {@code unless} of a std/core {@code command}
     * block, which the language declares to be shell code: emitted verbatim. It is the only text
     * from a .lab file that becomes code, and it is never mixed with other arguments.
     */
    record LabScript(String text) implements Arg {
        public LabScript {
            Objects.requireNonNull(text, "text");
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
