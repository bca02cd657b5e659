package dev.qctl.testing;

import dev.qctl.exec.RunningCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A command of a scripted MTA: its answer is worked out from what it read on stdin, once stdin is
 * closed (or at once, for a command that reads none), and handed out like a real process's: stdout
 * as a stream, stderr line by line to a listener. An answer may end in a failure (the connection
 * lost midway): the lines before it are delivered, then waitFor throws.
 */
public final class ScriptedProcess implements RunningCommand {
    /** What the command prints, its exit status, or the failure that ends it. */
    public record Answer(String stdout, List<String> stderrLines, int exit, RuntimeException failure) {
        public static Answer of(String stdout) {
            return new Answer(stdout, List.of(), 0, null);
        }

        public static Answer of(String stdout, List<String> stderrLines, int exit) {
            return new Answer(stdout, stderrLines, exit, null);
        }
    }

    private final CountDownLatch answered = new CountDownLatch(1);
    private final ByteArrayOutputStream input = new ByteArrayOutputStream();
    private final Function<String, Answer> reply;
    private volatile Answer answer;
    private Consumer<String> listener;

    private ScriptedProcess(Function<String, Answer> reply) {
        this.reply = reply;
    }

    /** Answers from its stdin, when that is closed. */
    public static ScriptedProcess fromStdin(Function<String, Answer> reply) {
        return new ScriptedProcess(reply);
    }

    /** Answers at once. */
    public static ScriptedProcess now(Answer answer) {
        ScriptedProcess p = new ScriptedProcess(in -> answer);
        p.finish("");
        return p;
    }

    private synchronized void finish(String stdin) {
        if (answer != null) {
            return;
        }
        answer = reply.apply(stdin);
        if (listener != null) {
            answer.stderrLines().forEach(listener);
        }
        answered.countDown();
    }

    @Override
    public InputStream stdout() {
        return new InputStream() {
            private InputStream bytes;

            private InputStream bytes() {
                if (bytes == null) {
                    await();
                    bytes = new ByteArrayInputStream(answer.stdout().getBytes(StandardCharsets.UTF_8));
                }
                return bytes;
            }

            @Override
            public int read() throws IOException {
                return bytes().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return bytes().read(b, off, len);
            }
        };
    }

    @Override
    public OutputStream stdin() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (input) {
                    input.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (input) {
                    input.write(b, off, len);
                }
            }

            @Override
            public void close() {
                String text;
                synchronized (input) {
                    text = input.toString(StandardCharsets.UTF_8);
                }
                finish(text);
            }
        };
    }

    @Override
    public synchronized void onStderrLine(Consumer<String> lines) {
        listener = lines;
        if (answer != null) {
            answer.stderrLines().forEach(lines);
        }
    }

    @Override
    public int waitFor() {
        await();
        if (answer.failure() != null) {
            throw answer.failure();
        }
        return answer.exit();
    }

    private void await() {
        try {
            answered.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String stderr() {
        return answer == null ? "" : String.join("\n", answer.stderrLines());
    }

    @Override
    public void close() {
        try {
            stdin().close();
        } catch (IOException e) {
            // nothing to close
        }
    }
}
