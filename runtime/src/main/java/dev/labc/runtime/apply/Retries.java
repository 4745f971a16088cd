package dev.labc.runtime.apply;

import dev.labc.runtime.transport.TransportException;
import java.time.Duration;

/** Retries a call to a host on the transport failures that may pass (a dropped connection), backing off doubling. */
record Retries(int retries, Duration backoff) {
    @FunctionalInterface
    interface Call<T> {
        T run() throws TransportException;
    }

    <T> T run(Call<T> call) throws TransportException {
        TransportException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                return call.run();
            } catch (TransportException e) {
                last = e;
                if (!e.kind().retryable()) throw e;
                try {
                    Thread.sleep(backoff.toMillis() << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }
}
