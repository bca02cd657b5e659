package dev.qctl.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SanitizingOutputStreamTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final SanitizingOutputStream out = new SanitizingOutputStream(sink);

    private String written() {
        return sink.toString(UTF_8);
    }

    @Test
    void escapeSequencesAreShownNotObeyed() throws IOException {
        out.write("Subject: \u001b[2J\u001b]0;pwned\u0007 hi\r\nX-Evil: \u009b31m\n".getBytes(UTF_8));
        out.close();
        assertThat(written()).isEqualTo("Subject: ^[[2J^[]0;pwned^G hi^M\nX-Evil: <U+009B>31m\n");
        assertThat(sink.toByteArray()).doesNotContain((byte) 0x1b, (byte) 0x07);
    }

    @Test
    void plainLinesPassUnchanged() throws IOException {
        String text = "From: jörg@exämple.org\n\tfolded\n\nbody 😀\n";
        out.write(text.getBytes(UTF_8));
        out.flush();
        assertThat(written()).isEqualTo(text);
    }

    @Test
    void aPartialLineIsWrittenOnClose() throws IOException {
        out.write("no newline at the end".getBytes(UTF_8));
        assertThat(written()).isEmpty();
        out.close();
        assertThat(written()).isEqualTo("no newline at the end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ö", "€", "😀"})
    void aCharacterSplitAcrossWritesAndFlushesStaysWhole(String character) throws IOException {
        byte[] bytes = ("a" + character + "b\n").getBytes(UTF_8);
        for (byte b : bytes) {
            out.write(new byte[] {b}, 0, 1);
            out.flush();
        }
        assertThat(written()).isEqualTo("a" + character + "b\n");
    }

    @Test
    void singleByteWritesWork() throws IOException {
        for (byte b : "x\u001by\n".getBytes(UTF_8)) {
            out.write(b);
        }
        assertThat(written()).isEqualTo("x^[y\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀"})
    void aLineLongerThan64KiBIsPassedOnInPiecesWithoutBreakingCharacters(String character) throws IOException {
        // "a" first so that the 64 KiB boundaries fall inside multi-byte characters.
        String line = "a" + character.repeat(100_000);
        out.write(line.getBytes(UTF_8));
        assertThat(sink.size()).as("bytes passed on before the line ended").isGreaterThanOrEqualTo(64 * 1024);
        out.write('\n');
        out.close();
        assertThat(written()).isEqualTo(line + "\n");
    }

    @Test
    void escapeCharactersAreReplacedAcrossAllPiecesOfAHugeLine() throws IOException {
        String line = "\u001b[31mred".repeat(30_000) + "\n";
        out.write(line.getBytes(UTF_8));
        out.close();
        assertThat(sink.toByteArray()).doesNotContain((byte) 0x1b);
        assertThat(written()).isEqualTo("^[[31mred".repeat(30_000) + "\n");
    }

    @Test
    void aHugeLineWrittenInSmallChunksWithFlushes() throws IOException {
        byte[] line = ("ö".repeat(70_000) + "\n").getBytes(UTF_8);
        for (int i = 0; i < line.length; i += 333) {
            out.write(line, i, Math.min(333, line.length - i));
            if (i % 999 == 0) {
                out.flush();
            }
        }
        out.close();
        assertThat(written()).isEqualTo("ö".repeat(70_000) + "\n");
    }
}
