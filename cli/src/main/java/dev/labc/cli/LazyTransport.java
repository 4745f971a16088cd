package dev.labc.cli;

import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.HostSession;
import dev.labc.runtime.transport.SshTransport;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;

/**
 * The run's one SSH transport, started on first use: a plan that contacts no host starts no SSH
 * client, and refresh and apply in one `labc apply` share each host's single connection.
 */
final class LazyTransport implements Transport {
  private final SshFlags flags;
  private SshTransport ssh;

  LazyTransport(SshFlags flags) {
    this.flags = flags;
  }

  @Override
  public synchronized HostSession session(HostEndpoint host) throws TransportException {
    if (ssh == null) {
      try {
        ssh = new SshTransport(flags.options());
      } catch (IllegalArgumentException e) {
        // A setting that makes every connection impossible (no key, a bad LABC_DIAL_ALLOW): say which.
        throw new TransportException(host.name(), TransportException.Kind.AUTHENTICATION, e.getMessage());
      }
    }
    return ssh.session(host);
  }

  @Override
  public synchronized void close() {
    if (ssh != null) ssh.close();
  }
}
