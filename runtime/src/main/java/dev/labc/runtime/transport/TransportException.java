package dev.labc.runtime.transport;

/**
 * A host could not be reached or did not let us in. {@link Kind} tells the apply engine whether a
 * retry can help and gives the report its one-line reason.
 */
public final class TransportException extends Exception {
    public enum Kind {
        /** Refused by LABC_DIAL_ALLOW before any packet left. */
        NOT_ALLOWED(false),
        /** Connection refused, no route, DNS failure, connection lost. */
        UNREACHABLE(true),
        /** The host's key is unknown (strict mode) or differs from known_hosts. */
        HOST_KEY(false),
        /** No offered key was accepted. */
        AUTHENTICATION(false),
        /** sudo wants a password or the user may not sudo. */
        SUDO(false),
        /** Connect, authentication or a command ran past its time limit. */
        TIMEOUT(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final String host;
    private final Kind kind;

    public TransportException(String host, Kind kind, String message, Throwable cause) {
        super(host + ": " + message, cause);
        this.host = host;
        this.kind = kind;
    }

    public TransportException(String host, Kind kind, String message) {
        this(host, kind, message, null);
    }

    public String host() {
        return host;
    }

    public Kind kind() {
        return kind;
    }
}
