package dev.labc.shell;

/** A value that no shell word can carry unchanged (NUL, malformed UTF-16, null). */
public final class UnquotableValueException extends IllegalArgumentException {
    public UnquotableValueException(String message) {
        super(message);
    }
}
