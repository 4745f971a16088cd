package dev.labc.runtime.transport;

import dev.labc.shell.ShellQuote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The SSH client, on Apache MINA SSHD: one connection per host for the whole run, every command a
 * channel on it, host keys checked against known_hosts before anything is sent, and no address
 * dialled outside {@link DialAllowList}. A host behind a jump host is reached through a forwarded
 * channel of the jump host's own (shared) connection.
 */
public final class SshTransport implements Transport {
    /** What labc meant to reach, for host-key lookup (the socket may be a forwarded local port). */
    private record Target(String host, List<String> names, int port) {}

    private static final AttributeRepository.AttributeKey<Target> TARGET = new AttributeRepository.AttributeKey<>();

    private final SshOptions options;
    private final SshClient client;
    private final KnownHostsVerifier verifier;
    private final HostConfigEntryResolver sshConfig;
    private final Map<String, SshSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> opening = new ConcurrentHashMap<>();
    private final Map<String, String> hostKeyRefusals = new ConcurrentHashMap<>();
    private final java.util.Set<String> configuredJumps = ConcurrentHashMap.newKeySet();

    public SshTransport(SshOptions options) {
        this.options = options;
        this.verifier = new KnownHostsVerifier(options.knownHosts(), options.hostKeyPolicy());
        this.sshConfig = options.sshConfig().<HostConfigEntryResolver>map(ConfigFileHostEntryResolver::new)
                .orElse(HostConfigEntryResolver.EMPTY);
        this.client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY); // resolved here, per endpoint
        client.setServerKeyVerifier((session, remote, key) -> {
            Target t = session.getConnectionContext() == null ? null : session.getConnectionContext().getAttribute(TARGET);
            if (t == null) return false;
            String refusal = verifier.verify(t.host(), t.names(), t.port(), key);
            if (refusal != null) hostKeyRefusals.put(t.host(), refusal);
            return refusal == null;
        });
        options.keyExchange().ifPresent(name -> {
            BuiltinDHFactories kex = BuiltinDHFactories.fromFactoryName(name);
            if (kex == null || !kex.isSupported())
                throw new IllegalArgumentException("key exchange " + name + " is not supported; try curve25519-sha256");
            client.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, List.of(kex), ClientBuilder.DH2KEX));
        });
        var keys = new FileKeyPairProvider(options.identities());
        keys.setPasswordFinder(options.passphrase().map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY));
        client.setKeyIdentityProvider(keys);
        options.agentSocket().ifPresent(socket -> client.setAgentFactory(UnixSocketAgent.factory(socket)));
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, options.keepAlive());
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, options.connectTimeout());
        client.start();
    }

    @Override
    public HostSession session(HostEndpoint host) throws TransportException {
        SshSession open = sessions.get(host.name());
        if (open != null && open.isOpen()) return open;
        // One lock per host name: two threads asking for the same host share one connection.
        synchronized (opening.computeIfAbsent(host.name(), k -> new Object())) {
            open = sessions.get(host.name());
            if (open != null && open.isOpen()) return open;
            SshSession fresh = connect(host);
            sessions.put(host.name(), fresh);
            return fresh;
        }
    }

    private SshSession connect(HostEndpoint host) throws TransportException {
        // The node itself first: an address no node of the run names is never dialled, nor its jump
        // host. A jump host the user's ssh config names for a node of the run is that node's way in.
        if (!configuredJumps.contains(host.address())) options.allowList().checkPlanned(host.name(), host.address());
        HostEndpoint effective = withSshConfig(host);
        InetSocketAddress dial;
        if (effective.jump().isPresent()) {
            HostEndpoint jump = effective.jump().get();
            if (host.jump().isEmpty()) configuredJumps.add(jump.address());
            SshSession via = (SshSession) session(jump);
            checkAllowed(host.name(), effective.address());
            try {
                SshdSocketAddress local = via.client.startLocalPortForwarding(
                        new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(effective.address(), effective.port()));
                dial = new InetSocketAddress(local.getHostName(), local.getPort());
            } catch (IOException e) {
                throw new TransportException(host.name(), TransportException.Kind.UNREACHABLE,
                        "cannot open a channel through jump host " + jump.name() + ": " + e.getMessage(), e);
            }
        } else {
            InetAddress address = checkAllowed(host.name(), effective.address());
            dial = new InetSocketAddress(address, effective.port());
        }
        var names = new ArrayList<String>(List.of(effective.address()));
        if (!names.contains(host.name())) names.add(host.name());
        var context = AttributeRepository.ofKeyValuePair(TARGET, new Target(host.name(), names, effective.port()));
        Duration timeout = options.connectTimeout();
        ClientSession cs = null;
        try {
            cs = client.connect(effective.user(), dial, context, null).verify(timeout).getSession();
            cs.auth().verify(timeout);
            return new SshSession(effective, cs);
        } catch (IOException e) {
            if (cs != null) cs.close(true);
            throw classify(host.name(), e);
        }
    }

    /** ~/.ssh/config may add identities and a ProxyJump for a node; the .lab address, user and port win. */
    private HostEndpoint withSshConfig(HostEndpoint host) {
        if (host.jump().isPresent()) return host;
        try {
            HostConfigEntry entry = sshConfig.resolveEffectiveHost(host.name(), host.port(), null, host.user(), null, null);
            if (entry == null || entry.getProxyJump() == null || entry.getProxyJump().isBlank()) return host;
            String jump = entry.getProxyJump().split(",")[0].strip();
            String user = "root";
            int port = 22;
            int at = jump.indexOf('@');
            if (at >= 0) {
                user = jump.substring(0, at);
                jump = jump.substring(at + 1);
            }
            int colon = jump.lastIndexOf(':');
            if (colon > 0 && !jump.contains("]")) {
                port = Integer.parseInt(jump.substring(colon + 1));
                jump = jump.substring(0, colon);
            }
            return new HostEndpoint(host.name(), host.address(), host.port(), host.user(),
                    Optional.of(new HostEndpoint(jump, jump, port, user, Optional.empty())));
        } catch (IOException | RuntimeException e) {
            return host;
        }
    }

    private InetAddress checkAllowed(String host, String address) throws TransportException {
        InetAddress resolved;
        try {
            resolved = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new TransportException(host, TransportException.Kind.UNREACHABLE, "cannot resolve " + address, e);
        }
        options.allowList().check(host, resolved);
        return resolved;
    }

    private TransportException classify(String host, IOException e) {
        String refusal = hostKeyRefusals.remove(host);
        if (refusal != null) return new TransportException(host, TransportException.Kind.HOST_KEY, refusal, e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = String.valueOf(root.getMessage());
        if (root instanceof ConnectException || root instanceof NoRouteToHostException)
            return new TransportException(host, TransportException.Kind.UNREACHABLE, "connection refused or no route (" + message + ")", e);
        if (message.contains("timeout") || message.contains("Timeout") || message.contains("timed out"))
            return new TransportException(host, TransportException.Kind.TIMEOUT, "no answer within " + options.connectTimeout().toSeconds() + " s", e);
        if (message.contains("No more authentication methods") || message.contains("authentication"))
            return new TransportException(host, TransportException.Kind.AUTHENTICATION, "no offered key was accepted (check -i and the user)", e);
        return new TransportException(host, TransportException.Kind.UNREACHABLE, message, e);
    }

    @Override
    public void close() {
        sessions.values().forEach(SshSession::close);
        sessions.clear();
        client.stop();
    }

    /** One host's connection. Commands are channels; MINA multiplexes them, so any thread may call. */
    private static final class SshSession implements HostSession {
        private final HostEndpoint endpoint;
        private final ClientSession client;

        SshSession(HostEndpoint endpoint, ClientSession client) {
            this.endpoint = endpoint;
            this.client = client;
        }

        boolean isOpen() {
            return client.isOpen() && client.isAuthenticated();
        }

        @Override
        public HostEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public ExecResult exec(String script, byte[] stdin, Duration timeout) throws TransportException {
            String quoted = ShellQuote.quote(script);
            String command = endpoint.needsSudo() ? "sudo -n -- sh -c " + quoted : "sh -c " + quoted;
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            try (ChannelExec channel = client.createExecChannel(command)) {
                channel.setIn(new ByteArrayInputStream(stdin));
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(timeout);
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout.toMillis());
                if (!events.contains(ClientChannelEvent.CLOSED)) {
                    channel.close(true);
                    throw new TransportException(endpoint.name(), TransportException.Kind.TIMEOUT,
                            "command did not finish within " + timeout.toSeconds() + " s");
                }
                Integer status = channel.getExitStatus();
                if (status == null) {
                    if (!client.isOpen())
                        throw new TransportException(endpoint.name(), TransportException.Kind.UNREACHABLE, "connection lost during a command");
                    String signal = channel.getExitSignal();
                    status = signal == null ? 255 : 128 + 15;
                }
                byte[] errBytes = err.toByteArray();
                if (endpoint.needsSudo() && status == 1 && sudoRefused(errBytes)) {
                    throw new TransportException(endpoint.name(), TransportException.Kind.SUDO,
                            "sudo needs a password for " + endpoint.user() + "; allow NOPASSWD for labc's commands or log in as root");
                }
                return new ExecResult(status, out.toByteArray(), errBytes);
            } catch (TransportException e) {
                throw e;
            } catch (IOException e) {
                var kind = client.isOpen() ? TransportException.Kind.TIMEOUT : TransportException.Kind.UNREACHABLE;
                throw new TransportException(endpoint.name(), kind, "command channel failed: " + e.getMessage(), e);
            } catch (IllegalStateException e) {
                // MINA refuses a new channel on a session that is closing (the host went away): a lost connection, not a bug.
                throw new TransportException(endpoint.name(), TransportException.Kind.UNREACHABLE, "connection lost: " + e.getMessage(), e);
            }
        }

        private static boolean sudoRefused(byte[] stderr) {
            String text = new String(stderr, java.nio.charset.StandardCharsets.UTF_8);
            return text.startsWith("sudo: ") && (text.contains("password") || text.contains("not in the sudoers"));
        }

        @Override
        public void close() {
            client.close(false);
        }
    }

}
