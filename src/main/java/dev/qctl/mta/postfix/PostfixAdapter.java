package dev.qctl.mta.postfix;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Action;
import dev.qctl.mta.ActionPlan;
import dev.qctl.mta.BatchedDetails;
import dev.qctl.model.OptionalFields;
import dev.qctl.mta.Capability;
import dev.qctl.mta.CommandFailures;
import dev.qctl.mta.CommandStreams;
import dev.qctl.mta.LogTimestamps;
import dev.qctl.mta.MailLog;
import dev.qctl.mta.MessagePart;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.QueueIdGrammar;
import dev.qctl.mta.SkipLeadingNewline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Postfix through its own tools: {@code postqueue -j} (or {@code -p} before 3.1) to list,
 * {@code postcat} to show. The {@code -c DIR} of a second instance is passed to every command.
 */
public final class PostfixAdapter implements MtaAdapter {
    private static final QueueIdGrammar IDS = new PostfixQueueIds();
    private static final List<String> SYSLOG_FILES = List.of("/var/log/mail.log", "/var/log/maillog");

    private final Transport transport;
    private final PostfixTools tools;
    private final Clock clock;
    private final PostfixActions actions;
    private final String configDir;
    private final String quarantineScript;
    private String queueDirectory;

    public PostfixAdapter(Transport transport, String configDir, Clock clock) {
        this(transport, configDir, null, clock);
    }

    /** @param quarantineScript the installed quarantine script ({@code quarantine_script}), or null to pass it inline */
    public PostfixAdapter(Transport transport, String configDir, String quarantineScript, Clock clock) {
        this.transport = transport;
        this.tools = new PostfixTools(transport, configDir);
        this.configDir = configDir;
        this.quarantineScript = quarantineScript;
        this.clock = clock;
        this.actions = new PostfixActions(transport, tools);
    }

    /** Postfix's queue_directory, asked once. */
    @Override
    public synchronized String queueDirectory() {
        if (queueDirectory == null) {
            Command command = tools.postconf("-h", "queue_directory");
            queueDirectory = require(transport.run(command), command).stdout().strip();
        }
        return queueDirectory;
    }

    @Override
    public Mta mta() {
        return Mta.POSTFIX;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.LIST, Capability.SHOW_HEADERS, Capability.SHOW_BODY, Capability.SHOW_RAW);
    }

    @Override
    public QueueIdGrammar idGrammar() {
        return IDS;
    }

    @Override
    public Stream<QueuedMessage> list(Consumer<String> warnings) {
        String host = transport.target();
        if (tools.version().atLeast(3, 1)) {
            PostqueueJsonParser parser = new PostqueueJsonParser(host, warnings);
            return CommandStreams.fromBytes(transport, tools.postqueue("-j"), parser::parse, "Postfix");
        }
        PostqueueTextParser parser = new PostqueueTextParser(host, warnings, clock, ZoneId.systemDefault());
        return CommandStreams.records(transport, tools.postqueue("-p"), parser::parse, "Postfix");
    }

    /** The queues showq lists, as directories of the queue directory. */
    static final List<String> QUEUES = List.of("maildrop", "hold", "incoming", "active", "deferred");

    /**
     * The file names under the queue directories, which are the queue IDs: one {@code find} reads
     * them in milliseconds where showq opens every queue file. Where the queue cannot be read
     * (not root) the IDs come from the listing; through sudo too, whose rules name postqueue, not
     * find (a refused find would be logged as a policy violation at every completion).
     */
    @Override
    public Stream<String> ids(Consumer<String> warnings) {
        if (transport instanceof dev.qctl.exec.SudoTransport) {
            return MtaAdapter.super.ids(warnings);
        }
        CommandResult dir = transport.run(tools.postconf("-h", "queue_directory"));
        String queueDirectory = dir.ok() ? dir.stdout().strip() : "";
        if (queueDirectory.startsWith("/")) {
            List<String> argv = new ArrayList<>(List.of("find"));
            QUEUES.forEach(q -> argv.add(queueDirectory + "/" + q));
            argv.addAll(List.of("-type", "f"));
            CommandResult found = transport.run(new Command(argv));
            if (found.ok()) {
                return found.stdout().lines().map(path -> path.substring(path.lastIndexOf('/') + 1))
                        .filter(IDS::isValid).distinct();
            }
        }
        return MtaAdapter.super.ids(warnings);
    }

    /** Batches of this many IDs per postcat: about 8 KiB of argv, a few hundred KiB of output. */
    static final int DETAILS_BATCH = 500;

    /**
     * The listing, then the optional fields from {@code postcat -e -h -q} over batches of IDs, two
     * batches at a time beside the listing ({@link BatchedDetails}).
     */
    @Override
    public Stream<QueuedMessage> list(OptionalFields wanted, Consumer<String> warnings) {
        if (wanted.isEmpty()) {
            return list(warnings);
        }
        PostfixDetails details = new PostfixDetails(transport, tools, wanted);
        return BatchedDetails.of(list(warnings), details::read, DETAILS_BATCH, 2);
    }

    @Override
    public java.util.Map<String, dev.qctl.model.MessageDetails> details(List<String> ids, OptionalFields wanted) {
        ids.forEach(IDS::require);
        return ids.isEmpty() || wanted.isEmpty() ? java.util.Map.of() : new PostfixDetails(transport, tools, wanted).read(ids);
    }

    @Override
    public Optional<QueuedMessage> find(String id, Consumer<String> warnings) {
        IDS.require(id);
        try (Stream<QueuedMessage> all = list(warnings)) {
            return all.filter(m -> m.id().equals(id)).findFirst();
        }
    }

    @Override
    public void copyPart(String id, MessagePart part, OutputStream out) {
        IDS.require(id);
        String option;
        switch (part) {
            case HEADERS:
                option = "-h";
                break;
            case BODY:
                option = "-b";
                break;
            case RAW:
                option = "-bh";
                break;
            default:
                throw new QctlException(ExitCode.USAGE,
                        "Postfix keeps no per-message log: search the mail log for " + id + " instead");
        }
        Command command = tools.postcat(option, "-q", id);
        try (RunningCommand running = transport.start(command)) {
            running.stdin().close();
            try (InputStream in = running.stdout()) {
                in.transferTo(part == MessagePart.BODY ? new SkipLeadingNewline(out) : out);
            }
            int exit = running.waitFor();
            if (exit != 0) {
                throw postcatFailure(id, command, exit, running.stderr());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static QctlException postcatFailure(String id, Command command, int exit, String stderr) {
        if (stderr.contains("No such file or directory")) {
            return new QctlException(ExitCode.NOT_FOUND, "no message " + id + " in the Postfix queue");
        }
        return CommandFailures.explain("Postfix", command, exit, stderr);
    }

    @Override
    public Set<Action> actions() {
        return PostfixActions.SUPPORTED;
    }

    @Override
    public ActionPlan plan(Action action, List<String> ids) {
        return actions.plan(action, ids);
    }

    @Override
    public void act(Action action, List<String> ids, dev.qctl.mta.OutcomeSink sink) {
        actions.act(action, ids, sink);
    }

    @Override
    public dev.qctl.mta.QuarantineStore quarantine(dev.qctl.mta.QuarantineSettings settings) {
        return new PostfixQuarantine(transport, settings, tools, configDir, this::queueDirectory, quarantineScript);
    }

    /** postcat -e -q per batch of IDs: milliseconds, where a listing reads the whole queue. */
    @Override
    public Stream<QueuedMessage> lookup(List<String> ids, Consumer<String> warnings) {
        ids.forEach(IDS::require);
        Stream.Builder<QueuedMessage> found = Stream.builder();
        actions.lookup(ids, ZoneId.systemDefault(), transport.target(), warnings, found::add);
        return found.build();
    }

    @Override
    public Command flushCommand(String site) {
        return actions.flushCommand(site);
    }

    @Override
    public void flush(String site) {
        actions.flush(site);
    }

    @Override
    public dev.qctl.mta.SuspendSetup suspendSetup() {
        return new PostfixSuspendSetup(transport, tools, clock);
    }

    @Override
    public dev.qctl.mta.SuspendHelper suspendHelper() {
        PostfixSuspendSetup setup = new PostfixSuspendSetup(transport, tools, clock);
        PostfixSuspendSetup.Where where = setup.where();
        if (!PostfixSuspendSetup.firstIs(where.transportMaps(), where.entry())) {
            throw dev.qctl.mta.SuspendHelper.notSetUp(transport.target()); // the map would not be read
        }
        return setup.helper(where);
    }

    /** The Postfix version on the target, e.g. for {@code qctl hosts check}. */
    @Override
    public String version() {
        return tools.version().text();
    }

    static CommandResult require(CommandResult result, Command command) {
        if (!result.ok()) {
            throw CommandFailures.explain("Postfix", command, result.exitCode(), result.stderr());
        }
        return result;
    }

    /**
     * Postfix's log: its own maillog_file (Postfix 3.4 and later) when set, else what syslog writes
     * on Debian (mail.log) and Red Hat (maillog), else the journal. Messages continue under new queue
     * IDs ("queued as", the same message-id after a content filter or postsuper -r).
     */
    @Override
    public MailLog mailLog() {
        LogTimestamps stamps = new LogTimestamps(ZoneId.systemDefault(), clock.instant());
        return new MailLog(transport, "Postfix", new PostfixLogParser(stamps), this::logCandidates, true);
    }

    private List<String> logCandidates() {
        List<String> files = new ArrayList<>();
        Command command = tools.postconf("-h", "maillog_file");
        CommandResult result = transport.run(command);
        String own = result.ok() ? result.stdout().strip() : "";
        if (own.startsWith("/")) {
            files.add(own);
        }
        files.addAll(SYSLOG_FILES);
        return files;
    }

    @Override
    public Optional<dev.qctl.mta.QueueLifetime> queueLifetime() {
        return Optional.ofNullable(tools.lifetime());
    }
}
