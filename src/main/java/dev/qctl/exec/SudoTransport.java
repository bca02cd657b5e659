package dev.qctl.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every command through {@code sudo -n} (never prompting: a password request becomes an
 * error the caller can explain).
 */
public final class SudoTransport implements Transport {
    private final Transport inner;

    public SudoTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public String target() {
        return inner.target();
    }

    @Override
    public RunningCommand start(Command command) {
        List<String> argv = new ArrayList<>(List.of("sudo", "-n", "--"));
        argv.addAll(command.argv());
        return inner.start(new Command(argv));
    }

    @Override
    public boolean isExecutable(String path) {
        return inner.isExecutable(path);
    }

    @Override
    public void connect() {
        inner.connect();
    }

    @Override
    public boolean remote() {
        return inner.remote();
    }

    @Override
    public void reset() {
        inner.reset();
    }

    @Override
    public void close() {
        inner.close();
    }
}
