package dev.qctl.exec.ssh;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A remote command's stdout as its reader sees it: closing it only detaches the reader. Closing
 * sshj's ChannelInputStream itself marks it EOF, and data the server still sends on the channel
 * then makes sshj's reader thread fail with "Getting data on EOF'ed stream", which ends the whole
 * connection and every later command on the host. Stopping the command is {@link RunningCommand#close()}'s job.
 */
final class DetachableStdout extends FilterInputStream {
    private volatile boolean closed;

    DetachableStdout(InputStream channel) {
        super(channel);
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        return super.skip(n);
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return super.available();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stdout closed");
        }
    }
}
