package dev.qctl.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SudoTransportTest {
    private final FakeTransport inner = new FakeTransport();
    private final SudoTransport sudo = new SudoTransport(inner);

    @Test
    void everyCommandIsPrefixedWithNonInteractiveSudo() {
        sudo.start(Command.of("/usr/sbin/postqueue", "-j")).close();
        assertThat(inner.started).containsExactly(List.of("sudo", "-n", "--", "/usr/sbin/postqueue", "-j"));
    }

    @Test
    void runGoesThroughSudoToo() {
        CommandResult r = sudo.run(Command.of("/usr/sbin/postsuper", "-d", "-"), "ABC123\n".getBytes(UTF_8));
        assertThat(inner.started).containsExactly(List.of("sudo", "-n", "--", "/usr/sbin/postsuper", "-d", "-"));
        assertThat(r.stdout()).isEqualTo("fake output");
        assertThat(inner.stdinReceived.toString(UTF_8)).isEqualTo("ABC123\n");
    }

    @Test
    void argumentsArePassedUntouchedAsSeparateWords() {
        List<String> hostile = List.of("/usr/sbin/postcat", "-q", "'; rm -rf / '", "$(id)", "a b", "");
        sudo.start(new Command(hostile)).close();
        List<String> expected = new ArrayList<>(List.of("sudo", "-n", "--"));
        expected.addAll(hostile);
        assertThat(inner.started).containsExactly(expected);
    }

    @Test
    void targetIsExecutableAndCloseAreTheInnerTransports() {
        assertThat(sudo.target()).isEqualTo("fake-host");
        assertThat(sudo.isExecutable("/usr/sbin/postconf")).isTrue();
        assertThat(sudo.isExecutable("/nowhere")).isFalse();
        assertThat(inner.executableChecks).containsExactly("/usr/sbin/postconf", "/nowhere");
        sudo.close();
        assertThat(inner.closed).isTrue();
    }

    /** Records what it is asked to run and answers with a canned result. */
    private static final class FakeTransport implements Transport {
        final List<List<String>> started = new ArrayList<>();
        final List<String> executableChecks = new ArrayList<>();
        final ByteArrayOutputStream stdinReceived = new ByteArrayOutputStream();
        boolean closed;

        @Override
        public String target() {
            return "fake-host";
        }

        @Override
        public RunningCommand start(Command command) {
            started.add(command.argv());
            return new RunningCommand() {
                @Override
                public InputStream stdout() {
                    return new ByteArrayInputStream("fake output".getBytes(UTF_8));
                }

                @Override
                public OutputStream stdin() {
                    return stdinReceived;
                }

                @Override
                public int waitFor() {
                    return 0;
                }

                @Override
                public void onStderrLine(java.util.function.Consumer<String> lines) {
                }

                @Override
                public String stderr() {
                    return "";
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public boolean isExecutable(String path) {
            executableChecks.add(path);
            return path.startsWith("/usr/sbin/");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
