package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLineReaderTest {

    @Test
    void linesAcrossReadsLongLinesEmptyLinesAndALastLineWithoutNewline() throws IOException {
        String longLine = "x".repeat(200_000);
        String text = "first\n\n" + longLine + "\nnon-ascii \u00e9\u0000\r\nlast";
        // a stream that hands out at most 7 bytes per read, so lines straddle every buffer edge
        InputStream trickle = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        assertThat(readAll(trickle)).containsExactly("first", "", longLine, "non-ascii \u00e9\u0000\r", "last");
        assertThat(readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
                .containsExactly("first", "", longLine, "non-ascii \u00e9\u0000\r", "last");
        assertThat(readAll(new ByteArrayInputStream(new byte[0]))).isEmpty();
        assertThat(readAll(new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8)))).containsExactly("");
    }

    private static List<String> readAll(InputStream in) throws IOException {
        ByteLineReader reader = new ByteLineReader(in);
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(new String(reader.copy(), StandardCharsets.UTF_8));
            assertThat(reader.length()).isEqualTo(reader.copy().length);
        }
        return lines;
    }
}
