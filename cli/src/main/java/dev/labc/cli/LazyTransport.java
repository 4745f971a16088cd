package dev.labc.cli;

import dev.labc.runtime.transport.DialAllowList;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.HostSession;
import dev.labc.runtime.transport.SshOptions;
import dev.labc.runtime.transport.SshTransport;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The run's one SSH transport, started on first use: a plan that contacts no host starts no SSH
 * client, and refresh and apply in one `labc apply` share each host's single connection.
 *
 * <p>Only starting the transport is serialised; connections to different hosts are opened
 * concurrently (the transport keeps one lock per host). Holding one lock across every connect
 * once made a 200-host refresh open its connections one after another.
 */
final class LazyTransport implements Transport {
  private final Supplier<Transport> start;
  private volatile Transport started;
  private boolean closed;
  /** The nodes' endpoints the run works on (restrictTo); null until known. */
  private volatile java.util.List<HostEndpoint> planned;

  LazyTransport(SshFlags flags) {
    this.start = () -> {
      SshOptions options = sshOptions(flags);
      var only = planned;
      return new SshTransport(only == null ? options : options.withAllowList(options.allowList().onlyTo(only)));
    };
  }

  /** {@code start} makes the transport; it runs at most once, on the first session asked for. */
  LazyTransport(Supplier<Transport> start) {
    this.start = start;
  }

  /**
   * Dial only these nodes (and their jump hosts): plan and apply name the endpoints of the
   * configuration and state they work on before anything is dialled, and the transport refuses
   * every other address (issue 20), on top of LABC_DIAL_ALLOW.
   */
  synchronized void restrictTo(java.util.Collection<HostEndpoint> endpoints) {
    var list = java.util.List.copyOf(endpoints);
    if (started != null && !list.equals(planned)) {
      throw new IllegalStateException("the transport started before the nodes it may dial were known");
    }
    planned = list;
  }

  @Override
  public HostSession session(HostEndpoint host) throws TransportException {
    return transport(host).session(host);
  }

  private Transport transport(HostEndpoint host) throws TransportException {
    Transport t = started;
    if (t != null) return t;
    synchronized (this) {
      if (closed) throw new IllegalStateException("transport already closed");
      if (started == null) {
        try {
          started = start.get();
        } catch (IllegalArgumentException e) {
          // A setting that makes every connection impossible (no key, a bad LABC_DIAL_ALLOW): say which.
          throw new TransportException(host.name(), TransportException.Kind.AUTHENTICATION, e.getMessage());
        }
      }
      return started;
    }
  }

  /** The SSH client settings the flags ask for; IllegalArgumentException when no key can be offered. */
  static SshOptions sshOptions(SshFlags flags) {
    SshOptions o = SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(flags.connectTimeout));
    if (flags.knownHosts != null && !flags.knownHosts.isEmpty()) o = o.withKnownHosts(flags.knownHosts);
    if (flags.acceptNew) o = o.withHostKeyPolicy(SshOptions.HostKeyPolicy.ACCEPT_NEW);
    if (flags.identities != null && !flags.identities.isEmpty()) o = o.withIdentities(flags.identities);
    if (flags.sshConfig != null) o = o.withSshConfig(Optional.of(flags.sshConfig));
    if (flags.kex != null) o = o.withKeyExchange(flags.kex);
    if (o.identities().isEmpty() && o.agentSocket().isEmpty()) {
      throw new IllegalArgumentException("no SSH key to offer: no ssh-agent (SSH_AUTH_SOCK) and none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa; pass -i KEY");
    }
    return o.withAllowList(DialAllowList.fromEnvironment());
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (started != null) started.close();
  }
}
