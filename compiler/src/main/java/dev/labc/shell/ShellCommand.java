package dev.labc.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An immutable command as an argument vector. The only way labc produces shell text: literals are
 * emitted verbatim, values and resolved secrets go through {@link ShellQuote}, so no call site
 * concatenates user data into a command string.
 *
 * <p>{@link #display()} (also {@link #toString()}) is the form for plans and logs and never
 * contains a secret; {@link #render(SecretResolver)} is the form handed to a shell.
 */
public record ShellCommand(List<Arg> args) {

    public ShellCommand {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least one argument");
        }
        if (args.size() > 1 && args.stream().anyMatch(a -> a instanceof Arg.LabScript)) {
            // Values next to a lab's script would be quoted, but the script around them would not be.
            throw new IllegalArgumentException("a lab's script is a command on its own; nest it with Builder.script");
        }
    }

    /** {@code program} is labc's own text; every other argument is an untrusted value. */
    public static ShellCommand of(String program, String... values) {
        Builder b = builder().literal(program);
        for (String v : values) {
            b.value(v);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code this && next}: next runs only if this succeeds. */
    public ShellCommand andThen(ShellCommand next) {
        return builder().append(this).literal("&&").append(next).build();
    }

    /** Shell text to execute, with secrets resolved and quoted. Never log the result. */
    public String render(SecretResolver secrets) {
        Objects.requireNonNull(secrets, "secrets");
        return text(secrets, false);
    }

    /** Shell text for plans and logs: as {@link #render} but each secret reads {@code (secret)}. */
    public String display() {
        return text(SecretResolver.NONE, true);
    }

    private String text(SecretResolver secrets, boolean redact) {
        StringBuilder out = new StringBuilder();
        for (Arg arg : args) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(switch (arg) {
                case Arg.Literal l -> l.text();
                case Arg.Value v -> ShellQuote.quote(v.value());
                case Arg.SecretRef s -> redact ? "(secret)" : ShellQuote.quote(secrets.resolve(s.name()));
                case Arg.Output o -> "\"$(" + o.command().text(secrets, redact) + ")\"";
                case Arg.Script s -> ShellQuote.quote(s.command().text(secrets, redact));
                case Arg.LabScript l -> l.text();
            });
        }
        return out.toString();
    }

    /** True if rendering needs a {@link SecretResolver}. */
    public boolean hasSecrets() {
        return args.stream().anyMatch(a -> switch (a) {
            case Arg.SecretRef s -> true;
            case Arg.Output o -> o.command().hasSecrets();
            case Arg.Script s -> s.command().hasSecrets();
            case Arg.Literal l -> false;
            case Arg.Value v -> false;
            case Arg.LabScript l -> false;
        });
    }

    /**
     * The shell text of a std/core {@code command} block's {@code run} or {@code unless}, as the
     * lab wrote it: a command of that one {@link Arg.LabScript}.
     */
    public static ShellCommand labScript(String text) {
        return new ShellCommand(List.of(new Arg.LabScript(text)));
    }

    @Override
    public String toString() {
        return display();
    }

    /** Accumulates arguments; {@link #build()} returns the immutable command. */
    public static final class Builder {
        private final List<Arg> args = new ArrayList<>();

        private Builder() {}

        public Builder literal(String text) {
            args.add(new Arg.Literal(text));
            return this;
        }

        public Builder value(String value) {
            args.add(new Arg.Value(value));
            return this;
        }

        public Builder values(Collection<String> values) {
            values.forEach(this::value);
            return this;
        }

        public Builder secret(String name) {
            args.add(new Arg.SecretRef(name));
            return this;
        }

        /** {@code "$(command)"}: the command's output as one word. */
        public Builder output(ShellCommand command) {
            args.add(new Arg.Output(command));
            return this;
        }

        /** The whole command as one quoted argument, for {@code sh -c} and the like. */
        public Builder script(ShellCommand command) {
            args.add(new Arg.Script(command));
            return this;
        }

        public Builder append(ShellCommand command) {
            args.addAll(command.args());
            return this;
        }

        public ShellCommand build() {
            return new ShellCommand(args);
        }
    }
}
