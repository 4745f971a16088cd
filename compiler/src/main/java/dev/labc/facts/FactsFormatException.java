package dev.labc.facts;

/** Facts JSON that cannot be read: malformed, wrong shape, or an unknown format version. */
public final class FactsFormatException extends IllegalArgumentException {
    public FactsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
