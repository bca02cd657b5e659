package dev.qctl.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void alwaysMeansColourEvenWithNoColor() {
        assertThat(Terminal.detect("always", Map.of("NO_COLOR", "1")).color()).isTrue();
    }

    @Test
    void neverMeansNoColour() {
        assertThat(Terminal.detect("never", Map.of()).color()).isFalse();
    }

    @Test
    void autoIsNoColourAndNoWidthWhenNotOnATerminal() {
        assumeTrue(System.console() == null, "the tests run without a console");
        Terminal t = Terminal.detect("auto", Map.of("COLUMNS", "120", "TERM", "xterm-256color"));
        assertThat(t.tty()).isFalse();
        assertThat(t.color()).isFalse();
        assertThat(t.width()).isZero();
        assertThat(Terminal.detect(null, Map.of())).isEqualTo(Terminal.PIPE);
    }

    @Test
    void thePipeTerminal() {
        assertThat(Terminal.PIPE).isEqualTo(new Terminal(false, false, 0));
    }
}
