package dev.labc.runtime.facts;

/** Output a fact parser could not make sense of: empty, truncated, or not the tool's format. */
public final class FactParseException extends Exception {

    private final String factId;

    public FactParseException(String factId, String message) {
        super(factId + ": " + message);
        this.factId = factId;
    }

    public FactParseException(String factId, String message, Throwable cause) {
        super(factId + ": " + message, cause);
        this.factId = factId;
    }

    public String factId() {
        return factId;
    }

    /** A parse step that may throw unchecked exceptions on malformed input. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws FactParseException;
    }

    /**
     * Runs {@code step}, turning the unchecked exceptions malformed text provokes (bad numbers,
     * missing columns) into a typed parse error, so no parser crashes a probe.
     */
    public static <T> T guard(String factId, Step<T> step) throws FactParseException {
        try {
            return step.run();
        } catch (FactParseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FactParseException(factId, "malformed output (" + e + ")", e);
        }
    }
}
