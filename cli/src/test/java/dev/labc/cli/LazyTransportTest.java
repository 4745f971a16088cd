package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.runtime.transport.ExecResult;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.HostSession;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTransportTest {
  /** A transport whose connects each wait until {@code hosts} of them are in progress at once. */
  private static final class OverlappingConnects implements Transport {
    final CountDownLatch inside;
    final AtomicInteger closed = new AtomicInteger();

    OverlappingConnects(int hosts) {
      inside = new CountDownLatch(hosts);
    }

    @Override
    public HostSession session(HostEndpoint host) throws TransportException {
      inside.countDown();
      try {
        if (!inside.await(10, TimeUnit.SECONDS)) {
          throw new TransportException(host.name(), TransportException.Kind.UNREACHABLE, "connects did not overlap");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(host.name(), TransportException.Kind.UNREACHABLE, "interrupted");
      }
      return new HostSession() {
        @Override public HostEndpoint endpoint() { return host; }
        @Override public ExecResult exec(String script, byte[] stdin, Duration timeout) { throw new UnsupportedOperationException(); }
        @Override public void close() {}
      };
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  @Test
  void connectionsToDifferentHostsAreOpenedAtTheSameTime() throws Exception {
    int hosts = 8;
    var starts = new AtomicInteger();
    var underlying = new OverlappingConnects(hosts);
    try (var lazy = new LazyTransport(() -> {
      starts.incrementAndGet();
      return underlying;
    }); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HostSession>> sessions = new ArrayList<>();
      for (int i = 1; i <= hosts; i++) {
        HostEndpoint host = HostEndpoint.root("h" + i, "127.0.0." + i);
        sessions.add(threads.submit(() -> lazy.session(host)));
      }
      // Each connect returns only once all eight are under way: a lock held across connects fails this.
      for (int i = 0; i < hosts; i++) assertEquals("h" + (i + 1), sessions.get(i).get(20, TimeUnit.SECONDS).endpoint().name());
    }
    assertEquals(1, starts.get(), "the transport is started once, however many hosts ask at once");
    assertEquals(1, underlying.closed.get());
  }

  @Test
  void aPlanThatContactsNoHostStartsNoTransport() {
    var starts = new AtomicInteger();
    try (var lazy = new LazyTransport(() -> {
      starts.incrementAndGet();
      return new OverlappingConnects(1);
    })) {
      // nothing asked for a session
    }
    assertEquals(0, starts.get());
  }

  @Test
  void aSettingThatMakesEveryConnectionImpossibleIsATransportError() {
    try (var lazy = new LazyTransport(() -> {
      throw new IllegalArgumentException("no identity file: /nonexistent/key");
    })) {
      var e = assertThrows(TransportException.class, () -> lazy.session(HostEndpoint.root("h1", "127.0.0.1")));
      assertTrue(e.getMessage().contains("no identity file"), e.getMessage());
    }
  }
}
