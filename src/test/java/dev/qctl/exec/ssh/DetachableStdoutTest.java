package dev.qctl.exec.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class DetachableStdoutTest {
    /** Remembers whether it was closed, as sshj's ChannelInputStream would (it then refuses further data). */
    private static final class Channel extends ByteArrayInputStream {
        boolean closed;

        Channel() {
            super("abc".getBytes());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void readsPassThrough() throws IOException {
        try (InputStream in = new DetachableStdout(new Channel())) {
            assertThat(in.read()).isEqualTo('a');
            assertThat(in.readAllBytes()).isEqualTo("bc".getBytes());
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void closingDetachesTheReaderButLeavesTheChannelOpen() {
        Channel channel = new Channel();
        DetachableStdout in = new DetachableStdout(channel);
        in.close();
        assertThat(channel.closed).isFalse();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("stdout closed");
        assertThatThrownBy(() -> in.read(new byte[4])).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> in.skip(1)).isInstanceOf(IOException.class);
        in.close(); // twice is fine
    }
}
