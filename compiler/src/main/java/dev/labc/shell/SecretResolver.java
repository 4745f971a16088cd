package dev.labc.shell;

/** Looks up a secret's value at execution time. Lives in the runtime; the compiler only names secrets. */
@FunctionalInterface
public interface SecretResolver {

    /** Returns the secret's value; throws if it is unknown. */
    String resolve(String name);

    /**
     * Texts to redact from output besides the value: the secrets a value was made from (the
     * password inside a rendered config file), since a program may print just that part.
     */
    default java.util.List<String> madeFrom(String name) {
        return java.util.List.of();
    }

    /** For commands known to hold no secrets: any lookup is a programming error. */
    SecretResolver NONE = name -> {
        throw new IllegalStateException("secret '" + name + "' requested but no secret resolver was given");
    };
}
