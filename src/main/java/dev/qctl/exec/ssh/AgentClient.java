package dev.qctl.exec.ssh;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal ssh-agent client (draft-miller-ssh-agent: list identities, sign) over the agent's Unix
 * socket, with Java's own Unix domain sockets: no extra library. Unlike jsch-agentproxy it asks the
 * agent for rsa-sha2-512 signatures, which OpenSSH 8.8+ requires for RSA keys.
 */
public final class AgentClient implements AutoCloseable {
    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    static final int RSA_SHA2_512 = 4;
    private static final int MAX_REPLY = 256 * 1024;

    /** A key the agent holds: its public key blob (SSH wire format) and comment. */
    public record Identity(byte[] blob, String comment) {
        /** The key type named inside the blob, e.g. ssh-ed25519 or ssh-rsa. */
        public String type() {
            ByteBuffer b = ByteBuffer.wrap(blob);
            return new String(readString(b), StandardCharsets.UTF_8);
        }
    }

    private final SocketChannel channel;

    private AgentClient(SocketChannel channel) {
        this.channel = channel;
    }

    public static AgentClient open(Path socket) throws IOException {
        return new AgentClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    public List<Identity> identities() throws IOException {
        ByteBuffer reply = call(new byte[] {REQUEST_IDENTITIES});
        if (reply.get() != IDENTITIES_ANSWER) {
            throw new IOException("the agent refused to list its keys");
        }
        int n = reply.getInt();
        List<Identity> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] blob = readString(reply);
            ids.add(new Identity(blob, new String(readString(reply), StandardCharsets.UTF_8)));
        }
        return ids;
    }

    /** The signature blob (string algorithm + string signature) over data, or an IOException if refused. */
    public byte[] sign(byte[] keyBlob, byte[] data, int flags) throws IOException {
        ByteBuffer req = ByteBuffer.allocate(1 + 4 + keyBlob.length + 4 + data.length + 4);
        req.put(SIGN_REQUEST).putInt(keyBlob.length).put(keyBlob).putInt(data.length).put(data).putInt(flags);
        ByteBuffer reply = call(req.array());
        if (reply.get() != SIGN_RESPONSE) {
            throw new IOException("the agent refused to sign");
        }
        return readString(reply);
    }

    private synchronized ByteBuffer call(byte[] message) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer len = readFully(4);
        int length = len.getInt();
        if (length <= 0 || length > MAX_REPLY) {
            throw new IOException("bad reply from the agent (length " + length + ")");
        }
        return readFully(length);
    }

    private ByteBuffer readFully(int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new IOException("the agent closed the connection");
            }
        }
        return buf.flip();
    }

    static byte[] readString(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad string length in agent data");
        }
        byte[] s = new byte[n];
        b.get(s);
        return s;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
