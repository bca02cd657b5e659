package dev.qctl.exec.container;

import dev.qctl.exec.Command;
import dev.qctl.exec.ExecException;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every command inside a container: a decorator over the transport that reaches the machine
 * the runtime runs on (local, SSH, or either through sudo). The argv becomes
 * {@code docker exec -i NAME argv...} (podman alike, {@code kubectl exec -i -n NS POD -c C -- argv...}),
 * still an argv: no shell on this side, and over SSH the one strict quoting of the SSH transport.
 * When the runtime itself fails, {@link RunningCommand#waitFor()} throws a {@link ContainerException}
 * instead of returning the runtime's exit status as if it were the MTA's.
 */
public final class ContainerTransport implements Transport {
    private final Transport host;
    private final ContainerRef container;
    private final String target;
    private final Map<String, Boolean> executables = new ConcurrentHashMap<>();

    /**
     * @param host      reaches the machine where the runtime runs
     * @param container the container there
     * @param target    the target's name in records and messages (the -H word or the config's alias)
     */
    public ContainerTransport(Transport host, ContainerRef container, String target) {
        this.host = host;
        this.container = container;
        this.target = target;
    }

    @Override
    public String target() {
        return target;
    }

    public ContainerRef container() {
        return container;
    }

    /** The argv the host runs for {@code command}. */
    Command wrap(Command command) {
        return new Command(container.exec(command.argv()));
    }

    @Override
    public RunningCommand start(Command command) {
        RunningCommand running;
        try {
            running = host.start(wrap(command));
        } catch (ContainerException e) {
            throw e;
        } catch (ExecException e) {
            if (host.remote() || !e.getMessage().contains("error=2")) {
                throw e; // the SSH connection's failure, or another local one: said as it is
            }
            throw new ContainerException(ContainerException.Reason.NOT_INSTALLED, container.runtime().program()
                    + " is not installed on " + hostName() + " (no '" + container.runtime().program() + "' on the PATH)");
        }
        return new InContainer(running);
    }

    private String hostName() {
        return host.remote() ? host.target() : "this machine";
    }

    /**
     * Asks inside the container: the MTA's files are there, not on the host. Each answer is kept for
     * the run (detecting the MTA and finding its tools ask for the same files, and every docker exec
     * costs a round trip to the daemon).
     */
    @Override
    public boolean isExecutable(String path) {
        return executables.computeIfAbsent(path, p -> run(new Command(List.of("test", "-f", p, "-a", "-x", p))).ok());
    }

    @Override
    public void connect() {
        host.connect();
    }

    @Override
    public boolean remote() {
        return host.remote();
    }

    @Override
    public void close() {
        host.close();
    }

    private final class InContainer implements RunningCommand {
        private final RunningCommand running;

        InContainer(RunningCommand running) {
            this.running = running;
        }

        @Override
        public InputStream stdout() {
            return running.stdout();
        }

        @Override
        public OutputStream stdin() {
            return running.stdin();
        }

        @Override
        public int waitFor() {
            int exit = running.waitFor();
            ContainerException failure = RuntimeFailures.classify(container, hostName(), exit, running.stderr());
            if (failure != null) {
                throw failure;
            }
            return exit;
        }

        @Override
        public void onStderrLine(java.util.function.Consumer<String> lines) {
            running.onStderrLine(lines);
        }

        @Override
        public String stderr() {
            return RuntimeFailures.withoutRuntimeNoise(running.stderr());
        }

        @Override
        public void close() {
            running.close();
        }
    }
}
