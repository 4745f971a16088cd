package dev.labc.runtime.transport;

import java.time.Duration;

/**
 * The one open connection to a host for this run. Every command is a new channel on it, never a
 * new connection. Safe to call from several threads; channels are opened one after another.
 */
public interface HostSession extends AutoCloseable {
    HostEndpoint endpoint();

    /**
     * Runs {@code script} with {@code /bin/sh} on the host as root (through {@code sudo -n} when the
     * login user is not root), feeding {@code stdin}. A non-zero exit is a result, not an exception;
     * exceptions are for the transport (connection lost, timeout, sudo refused).
     */
    ExecResult exec(String script, byte[] stdin, Duration timeout) throws TransportException;

    default ExecResult exec(String script, Duration timeout) throws TransportException {
        return exec(script, new byte[0], timeout);
    }

    @Override
    void close();
}
