package dev.labc.runtime.transport;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An ssh-agent client over the agent's Unix socket ({@code SSH_AUTH_SOCK}), speaking the agent
 * protocol's two requests labc needs: list identities and sign. MINA's own agent support needs a
 * native library; Java 16+ reaches Unix sockets itself. Private keys never leave the agent.
 */
final class UnixSocketAgent implements SshAgent {
    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    private static final int RSA_SHA2_256 = 2;
    private static final int RSA_SHA2_512 = 4;

    private final Path socket;
    private volatile boolean open = true;

    UnixSocketAgent(Path socket) {
        this.socket = socket;
    }

    /** Hands MINA an agent client for each session. */
    static SshAgentFactory factory(Path socket) {
        return new SshAgentFactory() {
            @Override
            public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
                return List.of(); // labc never forwards the agent to hosts
            }

            @Override
            public SshAgent createClient(Session session, FactoryManager manager) {
                return new UnixSocketAgent(socket);
            }

            @Override
            public SshAgentServer createServer(ConnectionService service) {
                throw new UnsupportedOperationException("labc does not forward ssh-agent");
            }
        };
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        Buffer reply = request(new byte[] {REQUEST_IDENTITIES});
        if (reply.getByte() != IDENTITIES_ANSWER) throw new IOException("ssh-agent at " + socket + " refused to list identities");
        long count = reply.getUInt();
        var out = new ArrayList<Map.Entry<PublicKey, String>>();
        for (long i = 0; i < count; i++) {
            byte[] blob = reply.getBytes();
            String comment = reply.getString();
            try {
                out.add(new AbstractMap.SimpleImmutableEntry<>(new ByteArrayBuffer(blob).getRawPublicKey(), comment));
            } catch (IOException | RuntimeException unsupported) {
                // A key type this client cannot parse is skipped, as OpenSSH skips keys it cannot use.
            }
        }
        return out;
    }

    @Override
    public Map.Entry<String, byte[]> sign(SessionContext session, PublicKey key, String algo, byte[] data) throws IOException {
        var msg = new ByteArrayBuffer();
        msg.putByte(SIGN_REQUEST);
        var blob = new ByteArrayBuffer();
        blob.putRawPublicKey(key);
        msg.putBytes(blob.getCompactData());
        msg.putBytes(data);
        msg.putInt("rsa-sha2-512".equals(algo) ? RSA_SHA2_512 : "rsa-sha2-256".equals(algo) ? RSA_SHA2_256 : 0);
        Buffer reply = request(msg.getCompactData());
        if (reply.getByte() != SIGN_RESPONSE) throw new IOException("ssh-agent at " + socket + " refused to sign (key locked or confirmation denied)");
        Buffer signature = new ByteArrayBuffer(reply.getBytes());
        String signedWith = signature.getString();
        return new AbstractMap.SimpleImmutableEntry<>(signedWith, signature.getBytes());
    }

    /** One request, one reply, each framed by a 32-bit length, on a fresh connection to the agent. */
    private Buffer request(byte[] body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            while (out.hasRemaining()) ch.write(out);
            ByteBuffer len = readFully(ch, 4);
            int n = len.getInt();
            if (n < 1 || n > 256 * 1024) throw new IOException("ssh-agent at " + socket + " sent a reply of " + n + " bytes");
            return new ByteArrayBuffer(readFully(ch, n).array());
        }
    }

    private static ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) if (ch.read(b) < 0) throw new IOException("ssh-agent closed the connection");
        return b.flip();
    }

    @Override
    public void addIdentity(KeyPair key, String comment, SshAgentKeyConstraint... constraints) throws IOException {
        throw new IOException("labc does not add keys to ssh-agent; use ssh-add");
    }

    @Override
    public void removeIdentity(PublicKey key) throws IOException {
        throw new IOException("labc does not remove keys from ssh-agent; use ssh-add -d");
    }

    @Override
    public void removeAllIdentities() throws IOException {
        throw new IOException("labc does not remove keys from ssh-agent; use ssh-add -D");
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
