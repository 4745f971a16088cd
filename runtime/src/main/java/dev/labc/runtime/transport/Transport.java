package dev.labc.runtime.transport;

/**
 * Opens sessions to hosts. Exactly one connection per host per run: {@link #session} returns the
 * session already open for an endpoint's name. Closing the transport closes every session.
 */
public interface Transport extends AutoCloseable {
    HostSession session(HostEndpoint host) throws TransportException;

    @Override
    void close();
}
