package dev.qctl.mta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteLinesTest {
    /** At most {@code chunk} bytes per read, as a pipe may deliver them. */
    private static InputStream chunked(String text, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static List<String> lines(InputStream in, int size) {
        ByteLines lines = new ByteLines(in, size);
        List<String> out = new ArrayList<>();
        while (lines.next()) {
            out.add(new String(lines.buffer(), lines.offset(), lines.length(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> readLines(String text) {
        return new BufferedReader(new StringReader(text)).lines().collect(Collectors.toList());
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\r", "\n\n\r\r\n", "a\r\r\nb", "é\nü\r\n€", "x\r"})
    void linesEndWhereBufferedReaderEndsThem(String text) {
        for (int chunk : new int[] {1, 2, 3, 64}) {
            for (int size : new int[] {1, 2, 4, 1024}) {
                assertThat(lines(chunked(text, chunk), size)).as("chunk %d, buffer %d", chunk, size)
                        .isEqualTo(readLines(text));
            }
        }
    }

    @Test
    void randomTextsInRandomChunksAsBufferedReaderReadsThem() {
        Random random = new Random(15);
        String alphabet = "ab\n\r{}\"é";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(200);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertThat(lines(chunked(text, 1 + random.nextInt(17)), 1 + random.nextInt(40))).as(text)
                    .isEqualTo(readLines(text));
        }
    }

    @Test
    void aLineLongerThanTheBufferGrowsItAndBlankLinesAreTold() {
        String longLine = "x".repeat(100_000);
        ByteLines lines = new ByteLines(chunked(longLine + "\n \t\nend", 4096), 16);
        assertThat(lines.next()).isTrue();
        assertThat(lines.length()).isEqualTo(100_000);
        assertThat(lines.blank()).isFalse();
        assertThat(lines.next()).isTrue();
        assertThat(lines.blank()).isTrue();
        assertThat(lines.next()).isTrue();
        assertThat(lines.length()).isEqualTo(3);
        assertThat(lines.next()).isFalse();
        assertThat(lines.next()).isFalse();
    }
}
