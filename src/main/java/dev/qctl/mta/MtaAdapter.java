package dev.qctl.mta;

import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.model.Mta;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One MTA on one target: turns qctl's use cases into argv for the MTA's own tools, runs them
 * through a transport and parses the answer into the common model.
 */
public interface MtaAdapter {
    Mta mta();

    Set<Capability> capabilities();

    QueueIdGrammar idGrammar();

    /**
     * Streams every message in the queue as it is parsed. The stream holds a running command:
     * close it (try-with-resources) to stop early. Records that fail to parse are skipped and
     * reported to {@code warnings}, one line each.
     */
    Stream<QueuedMessage> list(Consumer<String> warnings);

    /**
     * The queue IDs alone, for shell completion: an MTA may answer this more cheaply than a
     * listing (Postfix: the queue directories' file names instead of showq).
     */
    default Stream<String> ids(Consumer<String> warnings) {
        return list(warnings).map(QueuedMessage::id);
    }

    /**
     * The records of these (valid) IDs that are in the queue, without reading the whole queue
     * where the MTA allows it (Postfix: postcat; Exim: the -H files). Records may lack what only
     * a listing knows (Postfix: delay reasons).
     */
    default Stream<QueuedMessage> lookup(List<String> ids, Consumer<String> warnings) {
        java.util.Set<String> wanted = java.util.Set.copyOf(ids);
        return list(warnings).filter(m -> wanted.contains(m.id()));
    }

    /**
     * Streams every message as {@link #list(Consumer)} does, each record also carrying the optional
     * fields asked for ({@code QueuedMessage.details()}). Ask only for what a filter, a column or a
     * summary needs (a filter says it: {@code MessageFilter.neededFields()}): with nothing asked this is
     * the plain listing; each field asked costs an extra read per message (Postfix: postcat in batches).
     */
    default Stream<QueuedMessage> list(OptionalFields wanted, Consumer<String> warnings) {
        if (wanted.isEmpty()) {
            return list(warnings);
        }
        throw new QctlException(ExitCode.USAGE, mta().displayName() + " cannot tell a message's origin, subject or headers");
    }

    /**
     * The optional fields of a few messages by ID (the message view, show), without listing the
     * queue; IDs no longer in the queue are missing from the answer. The IDs must be valid.
     */
    default java.util.Map<String, dev.qctl.model.MessageDetails> details(List<String> ids, OptionalFields wanted) {
        return java.util.Map.of();
    }

    /** The record of one message, if it is in the queue. The ID must be valid. */
    Optional<QueuedMessage> find(String id, Consumer<String> warnings);

    /**
     * Copies one part of a stored message to {@code out} as it streams from the MTA (never
     * buffered whole). Throws a {@code QctlException} with NOT_FOUND for an unknown ID.
     */
    void copyPart(String id, MessagePart part, OutputStream out);

    /** The MTA's mail log on this target, for tracing messages through it ({@code qctl log}). */
    default MailLog mailLog() {
        throw new QctlException(ExitCode.USAGE, mta().displayName() + " has no mail log qctl can read");
    }

    /** The actions this MTA supports; asking for another fails with {@link #unsupported(Action)}. */
    default Set<Action> actions() {
        return Set.of();
    }

    /** Why an action is not possible here, with what to do instead. */
    default String unsupported(Action action) {
        return mta().displayName() + " cannot " + action.description();
    }

    /** The commands {@link #act} would run for these (valid, existing) IDs. */
    default ActionPlan plan(Action action, List<String> ids) {
        throw new QctlException(ExitCode.USAGE, unsupported(action));
    }

    /**
     * Runs the action on these (valid) IDs in as few commands as the MTA allows, reporting each
     * message's outcome to {@code sink} as the MTA's output streams. Every ID gets an outcome
     * unless the command or the transport fails; then this throws, after reporting what it knew.
     */
    default void act(Action action, List<String> ids, OutcomeSink sink) {
        throw new QctlException(ExitCode.USAGE, unsupported(action));
    }

    /**
     * Where the MTA keeps its queue on the target (Postfix's queue_directory, Exim's spool), asked
     * once; null where the adapter has none. The quarantine reads it, and the sudoers rule pins it.
     */
    default String queueDirectory() {
        return null;
    }

    /**
     * The quarantine on this target ({@code delete --quarantine}, {@code qctl restore}), with these
     * settings; throws (USAGE) where the MTA's messages cannot be kept.
     */
    default QuarantineStore quarantine(QuarantineSettings settings) {
        throw new QctlException(ExitCode.USAGE, mta().displayName() + " cannot keep messages in a quarantine");
    }

    /** The commands {@link #edit} would run. */
    default List<Command> editCommands(String id, MessageEdit edit) {
        throw new QctlException(ExitCode.USAGE, mta().displayName() + " cannot edit a queued message's envelope"
                + " (only Exim can: exim -Mes/-Mar/-Mmd/-Mmad)");
    }

    /** Changes one message's envelope; the ID must be valid and in the queue. */
    default void edit(String id, MessageEdit edit) {
        editCommands(id, edit);
    }

    /** The command that retries delivery of the whole queue, or of one destination domain (site). */
    default Command flushCommand(String site) {
        throw new QctlException(ExitCode.USAGE, mta().displayName() + " cannot flush its queue from qctl");
    }

    /** Runs {@link #flushCommand}. */
    default void flush(String site) {
        throw new QctlException(ExitCode.USAGE, mta().displayName() + " cannot flush its queue from qctl");
    }

    /** The one-time integration of qctl's suspension map into this MTA's configuration ({@code qctl setup suspend}). */
    default SuspendSetup suspendSetup() {
        throw new QctlException(ExitCode.USAGE, mta().displayName() + " cannot suspend delivery from qctl");
    }

    /** The helper that reads and writes this MTA's suspension map on the target. */
    default SuspendHelper suspendHelper() {
        throw new QctlException(ExitCode.USAGE, mta().displayName() + " cannot suspend delivery from qctl");
    }

    /** The MTA's version as it reports it (Postfix: mail_version; Exim: the first line of -bV), for hosts check. */
    default String version() {
        return "";
    }

    /**
     * How long the MTA keeps a message before returning it to its sender, from its configuration;
     * empty when that cannot be told.
     */
    default java.util.Optional<QueueLifetime> queueLifetime() {
        return java.util.Optional.empty();
    }
}
