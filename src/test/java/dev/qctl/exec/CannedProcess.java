package dev.qctl.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/** For fake transports in tests: a finished command with recorded output. */
public final class CannedProcess implements RunningCommand {
    private final int exit;
    private final InputStream stdout;
    private final String stderr;
    private final Runnable onClose;

    public CannedProcess(int exit, byte[] stdout, String stderr, Runnable onClose) {
        this.exit = exit;
        this.stdout = new ByteArrayInputStream(stdout);
        this.stderr = stderr;
        this.onClose = onClose;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public OutputStream stdin() {
        return new ByteArrayOutputStream();
    }

    @Override
    public int waitFor() {
        return exit;
    }

    @Override
    public void onStderrLine(java.util.function.Consumer<String> lines) {
        stderr.lines().forEach(lines);
    }

    @Override
    public String stderr() {
        return stderr;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
