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
    private final String quarantineDirectory;
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
        this(name, base, settings, sudoUser, container, null, clock);
    }

    /**
     * @param quarantineDirectory the quarantine directory the sudoers rule pins ($QCTL_QUARANTINE_DIR,
     *                            the config's actions.quarantine_dir), or null for the default
     */
    public HostTarget(String name, Transport base, MtaSettings settings, String sudoUser, ContainerRef container,
                      String quarantineDirectory, Clock clock) {
        this.name = name;
        this.quarantineDirectory = quarantineDirectory;
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
                + "; the sudoers rule needed (visudo -f /etc/sudoers.d/qctl): " + sudoRule(mta)
                + (e.getMessage().contains("quarantine") ? quarantineHint(mta) : ""), e);
    }

    /** After the rule, when the quarantine's script is what sudo refused: which mode it is in, and the way out of shell mode. */
    private String quarantineHint(Mta mta) {
        if (quarantineSudoMode(mta) == SudoRules.Mode.PINNED) {
            return " (the quarantine is pinned to " + settings.quarantineScript() + " and the quarantine directory "
                    + (quarantineDirectory == null ? dev.qctl.mta.QuarantineSettings.DEFAULT_DIRECTORY : quarantineDirectory)
                    + ": another --quarantine-dir needs a rule of its own)";
        }
        return "; the quarantine runs its script as 'sh -c SCRIPT', which only /bin/sh in the rule allows (root-equivalent): "
                + "to pin it, install it (qctl hosts quarantine-script > FILE, owned by root) and set quarantine_script: FILE"
                + (mta != Mta.POSTFIX && settings.eximSpoolReader() == null ? " and exim_spool_reader" : "") + " for the host";
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
        return SudoRules.rule(sudoUser, mta, settings, new SudoRules.Directories(queueDirectory(mta), quarantineDirectory));
    }

    /**
     * The quarantine's sudo mode (see {@link SudoRules#quarantineMode}): with SHELL, the rule above
     * lets {@code delete --quarantine}, {@code restore} and {@code quarantine} through only if it has
     * {@code /bin/sh}.
     */
    public SudoRules.Mode quarantineSudoMode(Mta mta) {
        return SudoRules.quarantineMode(mta, settings);
    }

    /**
     * The queue directory a pinned rule names, as the opened adapter knows it; null (the rule assumes
     * the default) when nothing pinned needs it, or when it cannot be asked (sudo refusing is why we are here).
     */
    private String queueDirectory(Mta mta) {
        boolean pinsIt = settings.quarantineScript() != null || (mta != Mta.POSTFIX && settings.eximSpoolReader() != null);
        MtaAdapter opened;
        synchronized (this) {
            opened = adapter;
        }
        if (!pinsIt || opened == null || opened.mta() != mta) {
            return null;
        }
        try {
            return opened.queueDirectory();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
