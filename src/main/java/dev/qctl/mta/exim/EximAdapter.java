package dev.qctl.mta.exim;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.ExecException;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import dev.qctl.exec.Command;
import dev.qctl.mta.QueueLifetime;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.mta.ActionPlan;
import dev.qctl.mta.Capability;
import dev.qctl.mta.MessagePart;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.QueueIdGrammar;
import java.io.OutputStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Exim on one target. Listing reads the spool directly in one pass ({@link EximSpoolScript}: exact
 * sizes and times, faster than exipick, no rounding as in {@code exim -bp}); {@code show} uses
 * Exim's own {@code -Mvh/-Mvb/-Mvl}. The spool directory is asked from Exim once
 * ({@code exim -bP spool_directory}), so an alternate configuration ({@code -C}) is honoured.
 */
public final class EximAdapter implements MtaAdapter {
    /** IDs per spool-reading process when looking messages up. */
    static final int LOOKUP_BATCH = 500;
    /** A domain no retry rule names (RFC 6761 .invalid), so -brt answers with the catch-all rule. */
    private static final String PROBE_DOMAIN = "qctl-probe.invalid";
    private static final Set<Capability> CAPABILITIES = EnumSet.of(
            Capability.LIST, Capability.SHOW_HEADERS, Capability.SHOW_BODY, Capability.SHOW_RAW, Capability.SHOW_LOG);

    private final Transport transport;
    private final String eximBinary;
    private final String eximConfig;
    private final String spoolReader;
    private final String quarantineScript;
    private final Clock clock;
    private EximCommands commands;
    private String spoolDirectory;

    /**
     * @param eximBinary path of the exim binary on the target, or null to look in the usual places
     *                   ({@link EximCommands#USUAL_BINARIES})
     * @param eximConfig alternate configuration file passed as {@code -C}, or null
     */
    public EximAdapter(Transport transport, String eximBinary, String eximConfig, Clock clock) {
        this(transport, eximBinary, eximConfig, null, clock);
    }

    /** @param spoolReader the installed spool reader script ({@link #spoolReaderScript()}), or null to pass it inline */
    public EximAdapter(Transport transport, String eximBinary, String eximConfig, String spoolReader, Clock clock) {
        this(transport, eximBinary, eximConfig, spoolReader, null, clock);
    }

    /** @param quarantineScript the installed quarantine script ({@code quarantine_script}), or null to pass it inline */
    public EximAdapter(Transport transport, String eximBinary, String eximConfig, String spoolReader,
                       String quarantineScript, Clock clock) {
        this.transport = transport;
        this.eximBinary = eximBinary;
        this.eximConfig = eximConfig;
        this.spoolReader = spoolReader;
        this.quarantineScript = quarantineScript;
        this.clock = clock;
    }

    /** The spool reader, to install on a host whose sudoers pins {@code sh PATH SPOOL} ({@code qctl hosts spool-reader}). */
    public static String spoolReaderScript() {
        return EximSpoolScript.SCRIPT;
    }

    @Override
    public Mta mta() {
        return Mta.EXIM;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public QueueIdGrammar idGrammar() {
        return EximQueueIds.INSTANCE;
    }

    /** The clock this adapter was given (records carry absolute times; ages are the renderer's job). */
    public Clock clock() {
        return clock;
    }

    @Override
    public Stream<QueuedMessage> list(Consumer<String> warnings) {
        String spool = spoolDirectory();
        return unlessUnavailable(() -> EximSpoolListing.open(transport, EximSpoolScript.listAll(spool, spoolReader), spool, warnings));
    }

    /** The same one pass over the spool: the origin and headers are in the -H files it reads anyway. */
    @Override
    public Stream<QueuedMessage> list(OptionalFields wanted, Consumer<String> warnings) {
        String spool = spoolDirectory();
        return unlessUnavailable(() -> EximSpoolListing.open(transport, EximSpoolScript.listAll(spool, spoolReader), spool,
                warnings, wanted));
    }

    @Override
    public java.util.Map<String, dev.qctl.model.MessageDetails> details(List<String> ids, OptionalFields wanted) {
        java.util.Map<String, dev.qctl.model.MessageDetails> found = new java.util.HashMap<>();
        String spool = spoolDirectory();
        ids.forEach(EximQueueIds.INSTANCE::require);
        for (int from = 0; from < ids.size(); from += LOOKUP_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + LOOKUP_BATCH));
            try (Stream<QueuedMessage> some = unlessUnavailable(() -> EximSpoolListing.open(transport,
                    EximSpoolScript.listSome(spool, batch, spoolReader), spool, w -> { }, wanted))) {
                some.forEach(m -> found.put(m.id(), m.details()));
            }
        }
        return found;
    }

    @Override
    public Optional<QueuedMessage> find(String id, Consumer<String> warnings) {
        EximQueueIds.INSTANCE.require(id);
        String spool = spoolDirectory();
        try (Stream<QueuedMessage> one = unlessUnavailable(
                () -> EximSpoolListing.open(transport, EximSpoolScript.listSome(spool, List.of(id), spoolReader), spool, warnings))) {
            return one.filter(m -> m.id().equals(id)).findFirst();
        }
    }

    @Override
    public void copyPart(String id, MessagePart part, OutputStream out) {
        EximQueueIds.INSTANCE.require(id);
        EximPartCopier copier = new EximPartCopier(transport, commands());
        unlessUnavailable(() -> {
            copier.copy(id, part, out);
            return null;
        });
    }

    @Override
    public Set<Action> actions() {
        return EximActions.SUPPORTED;
    }

    @Override
    public String unsupported(Action action) {
        return EximActions.unsupported(action);
    }

    @Override
    public ActionPlan plan(Action action, List<String> ids) {
        return new EximActions(transport, commands()).plan(action, ids);
    }

    @Override
    public void act(Action action, List<String> ids, dev.qctl.mta.OutcomeSink sink) {
        EximActions actions = new EximActions(transport, commands());
        unlessUnavailable(() -> {
            actions.act(action, ids, sink);
            return null;
        });
    }

    /** The -H files of these IDs, read by the listing's own script, a few hundred IDs per process. */
    @Override
    public dev.qctl.mta.QuarantineStore quarantine(dev.qctl.mta.QuarantineSettings settings) {
        return new EximQuarantine(transport, settings, this::spoolDirectory, spoolReader, quarantineScript);
    }

    @Override
    public Stream<QueuedMessage> lookup(List<String> ids, Consumer<String> warnings) {
        ids.forEach(EximQueueIds.INSTANCE::require);
        String spool = spoolDirectory();
        Stream.Builder<QueuedMessage> found = Stream.builder();
        for (int from = 0; from < ids.size(); from += LOOKUP_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + LOOKUP_BATCH));
            try (Stream<QueuedMessage> some = unlessUnavailable(
                    () -> EximSpoolListing.open(transport, EximSpoolScript.listSome(spool, batch, spoolReader), spool, warnings))) {
                some.forEach(found::add);
            }
        }
        return found.build();
    }

    @Override
    public List<Command> editCommands(String id, dev.qctl.mta.MessageEdit edit) {
        EximQueueIds.INSTANCE.require(id);
        return new EximActions(transport, commands()).editCommands(id, edit);
    }

    @Override
    public void edit(String id, dev.qctl.mta.MessageEdit edit) {
        EximActions actions = new EximActions(transport, commands());
        unlessUnavailable(() -> {
            actions.edit(id, edit);
            return null;
        });
    }

    @Override
    public Command flushCommand(String site) {
        return new EximActions(transport, commands()).flushCommand(site);
    }

    @Override
    public void flush(String site) {
        EximActions actions = new EximActions(transport, commands());
        unlessUnavailable(() -> {
            actions.flush(site);
            return null;
        });
    }

    @Override
    public String version() {
        EximCommands exim = commands();
        CommandResult result = unlessUnavailable(() -> transport.run(exim.version()));
        String first = EximFailures.firstLine(result.stdout());
        if (!result.ok() || first.isEmpty()) {
            throw EximFailures.classify(exim.binary() + " -bV", null, result.stdout() + "\n" + result.stderr());
        }
        return first;
    }

    /**
     * The retry rule that applies to a domain without one of its own (Exim counts its cutoff from a
     * destination's first failure, so a message's age is an upper bound of that time).
     */
    @Override
    public Optional<QueueLifetime> queueLifetime() {
        CommandResult result = unlessUnavailable(() -> transport.run(commands().retryRule(PROBE_DOMAIN)));
        if (!result.ok()) {
            return Optional.empty();
        }
        return RetryRule.parse(result.stdout()).map(rule ->
                new QueueLifetime(rule.cutoff(), rule.cutoff(), "retry rule " + rule.text()));
    }

    /** Exim's main log, where its log_file_path says (syslog: mail.log, maillog, the journal). */
    @Override
    public dev.qctl.mta.MailLog mailLog() {
        dev.qctl.mta.LogTimestamps stamps = new dev.qctl.mta.LogTimestamps(java.time.ZoneId.systemDefault(), clock.instant());
        return new dev.qctl.mta.MailLog(transport, "Exim", new EximLogParser(stamps), this::logCandidates, false);
    }

    private List<String> logCandidates() {
        EximCommands exim = commands();
        CommandResult result = unlessUnavailable(() -> transport.run(exim.printOption("log_file_path")));
        String value = result.ok() ? EximCommands.parseOptionValue("log_file_path", result.stdout()) : null;
        return EximLogPath.mainLogs(value, () -> spoolDirectory());
    }

    /** The spool directory as Exim reports it, asked once. */
    @Override
    public String queueDirectory() {
        return spoolDirectory();
    }

    public synchronized String spoolDirectory() {
        if (spoolDirectory == null) {
            EximCommands exim = commands();
            CommandResult result = unlessUnavailable(() -> transport.run(exim.printOption("spool_directory")));
            String value = result.ok() ? EximCommands.parseOptionValue("spool_directory", result.stdout()) : null;
            if (value == null) {
                String output = result.stdout() + "\n" + result.stderr();
                if (EximFailures.isSudoRefusal(output) || EximFailures.isPermissionDenied(output)) {
                    throw EximFailures.permission(exim.binary() + " -bP spool_directory", output);
                }
                String line = EximFailures.firstLine(output);
                throw new QctlException(ExitCode.UNAVAILABLE, exim.binary() + " -bP spool_directory gave no spool directory"
                        + (line.isEmpty() ? "" : ": " + line));
            }
            spoolDirectory = value;
        }
        return spoolDirectory;
    }

    /** A command that cannot even be started (no sh, exim gone, SSH down) means the MTA is unavailable. */
    private <T> T unlessUnavailable(Supplier<T> action) {
        try {
            return action.get();
        } catch (ExecException e) {
            throw new QctlException(e.permissionDenied() ? ExitCode.PERMISSION : ExitCode.UNAVAILABLE,
                    "Exim on " + transport.target() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public dev.qctl.mta.SuspendSetup suspendSetup() {
        return new EximSuspendSetup(transport, commands(), clock);
    }

    @Override
    public dev.qctl.mta.SuspendHelper suspendHelper() {
        return new EximSuspendSetup(transport, commands(), clock).helper();
    }

    private synchronized EximCommands commands() {
        if (commands == null) {
            commands = new EximCommands(locateBinary(), eximConfig);
        }
        return commands;
    }

    private String locateBinary() {
        if (eximBinary != null) {
            if (!transport.isExecutable(eximBinary)) {
                throw new QctlException(ExitCode.UNAVAILABLE, "no executable exim at " + eximBinary + " on " + transport.target());
            }
            return eximBinary;
        }
        for (String candidate : EximCommands.USUAL_BINARIES) {
            if (transport.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new QctlException(ExitCode.UNAVAILABLE, "no exim binary on " + transport.target() + " (looked for "
                + String.join(", ", EximCommands.USUAL_BINARIES) + "); give its path with --exim-bin");
    }
}
