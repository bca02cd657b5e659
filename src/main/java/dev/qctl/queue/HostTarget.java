package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.SudoTransport;
import dev.qctl.exec.container.ContainerException;
import dev.qctl.exec.container.ContainerRef;
import dev.qctl.exec.container.ContainerTransport;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.MtaAdapters;
import dev.qctl.mta.MtaSettings;
import java.time.Clock;

/**
 * One host of a run: its transport (one connection for the whole run) and its MTA adapter, opened
 * on first use. A host abandoned at its deadline has its transport closed, which also stops a
 * command still blocked on it.
 */
public final class HostTarget implements AutoCloseable {
    private final String name;
    private final Transport base;
    private final Transport transport;
    private final MtaSettings settings;
    private final String sudoUser;
    private final ContainerRef container;
    private final Clock clock;
    private MtaAdapter adapter;
    private volatile boolean abandoned;

    /**
     * @param base     how to reach the host (local or SSH)
     * @param sudoUser the login on the host when the MTA commands run through sudo, else null
     */
    public HostTarget(String name, Transport base, MtaSettings settings, String sudoUser, Clock clock) {
        this(name, base, settings, sudoUser, null, clock);
    }

    /**
     * @param container the container the MTA runs in on that machine, or null; sudo then applies to
     *                  the runtime ({@code sudo -n -- docker exec -i NAME ...}): inside, the MTA's
     *                  commands run as the container's user already
     */
    public HostTarget(String name, Transport base, MtaSettings settings, String sudoUser, ContainerRef container,
                      Clock clock) {
        this.name = name;
        this.base = base;
        Transport machine = sudoUser == null ? base : new SudoTransport(base);
        this.transport = container == null ? machine : new ContainerTransport(machine, container, name);
        this.settings = settings;
        this.sudoUser = sudoUser;
        this.container = container;
        this.clock = clock;
    }

    /** The container the MTA runs in, or null when it runs on the machine itself. */
    public ContainerRef container() {
        return container;
    }

    /** Runs commands on the machine itself, never inside the container (to look for containers there). */
    public Transport machine() {
        return base;
    }

    public String name() {
        return name;
    }

    public Transport transport() {
        return transport;
    }

    /** Connects and authenticates now (SSH), so a check can tell that apart from the MTA's errors. */
    public void connect() {
        base.connect();
    }

    public boolean remote() {
        return base.remote();
    }

    public synchronized MtaAdapter adapter() {
        if (adapter == null) {
            adapter = MtaAdapters.open(transport, settings, clock);
        }
        return adapter;
    }

    /** True once the run gave up on this host: its task must not print any more. */
    public boolean abandoned() {
        return abandoned;
    }

    /** Gives up on the host: its commands are stopped (local processes killed, the SSH connection closed). */
    public void abandon() {
        abandoned = true;
        transport.close();
    }

    /** After a failure: the next use connects again and probes the MTA again. */
    public void reset() {
        abandoned = false;
        transport.reset();
        synchronized (this) {
            adapter = null;
        }
    }

    /** A sudo refusal gets the exact sudoers rule this host needs; other errors pass unchanged. */
    public RuntimeException explain(RuntimeException e) {
        if (sudoUser != null && container != null && e instanceof ContainerException c && c.permissionDenied()
                && e.getMessage().startsWith("sudo")) {
            return new QctlException(ExitCode.PERMISSION, e.getMessage() + "; the sudoers rule needed (visudo -f "
                    + "/etc/sudoers.d/qctl): " + SudoRules.containerRule(sudoUser, container), e);
        }
        if (sudoUser == null || !(e instanceof QctlException q) || q.exitCode() != ExitCode.PERMISSION
                || !e.getMessage().contains("sudo")) {
            return e;
        }
        MtaAdapter opened;
        synchronized (this) {
            opened = adapter;
        }
        Mta mta = opened != null ? opened.mta() : settings.mta();
        return new QctlException(ExitCode.PERMISSION, "sudo on " + name + " wants a password: " + e.getMessage()
                + "; the sudoers rule needed (visudo -f /etc/sudoers.d/qctl): " + sudoRule(mta), e);
    }

    /** Whether the MTA commands run through sudo on this host. */
    public boolean sudo() {
        return sudoUser != null;
    }

    /** How much the sudoers rule this host needs gives away (see {@link SudoRules}). */
    public SudoRules.Mode sudoMode(Mta mta) {
        return SudoRules.mode(mta, settings);
    }

    /** The narrowest sudoers rule for this host in its mode. */
    public String sudoRule(Mta mta) {
        return SudoRules.rule(sudoUser, mta, settings, null);
    }

    @Override
    public void close() {
        transport.close();
    }
}
