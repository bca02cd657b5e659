package dev.qctl.output;

import static org.assertj.core.api.Assertions.assertThat;

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
        // surefire's forked JVM writes to pipes, whatever the terminal maven was started from
        assertThat(Terminal.stdoutIsTerminal()).isFalse();
        Terminal t = Terminal.detect("auto", Map.of("COLUMNS", "120", "TERM", "xterm-256color"));
        assertThat(t.tty()).isFalse();
        assertThat(t.color()).isFalse();
        assertThat(t.width()).isZero();
        assertThat(Terminal.detect(null, Map.of())).isEqualTo(Terminal.PIPE);
    }

    @Test
    void terminalDevicesAreTtysAndPtysNotPipesOrFiles() {
        assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(Terminal.isTerminalDevice("/dev/console")).isTrue();
        assertThat(Terminal.isTerminalDevice("pipe:[123456]")).isFalse();
        assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
        assertThat(Terminal.isTerminalDevice("/tmp/out.json")).isFalse();
    }

    @Test
    void thePipeTerminal() {
        assertThat(Terminal.PIPE).isEqualTo(new Terminal(false, false, 0));
    }
}
