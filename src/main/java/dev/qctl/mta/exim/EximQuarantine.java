package dev.qctl.mta.exim;

import dev.qctl.exec.Command;
import dev.qctl.exec.Transport;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.QuarantineSettings;
import dev.qctl.mta.ShellQuarantine;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Exim's quarantine: the -H and -D files (and the msglog) copied with their owner, mode and times
 * into a spool of the run's own ({@code DIR/RUN/input}, {@code DIR/RUN/msglog}), read back by the
 * same spool script as the queue. Restoring moves them back where they were, under the same ID:
 * the message is in the queue exactly as it was (recipients already delivered stay delivered),
 * unless a message with that ID is queued meanwhile (then it stays kept).
 */
final class EximQuarantine extends ShellQuarantine {
    /** -H, -D and the msglog: three files, each at least a block. */
    private static final long FILES_PER_MESSAGE = 3;

    private final Supplier<String> spool;
    private final String spoolReader;

    /** @param script the installed quarantine script, or null (see {@link ShellQuarantine}) */
    EximQuarantine(Transport transport, QuarantineSettings settings, Supplier<String> spool, String spoolReader, String script) {
        super(transport, settings, script);
        this.spool = spool;
        this.spoolReader = spoolReader;
    }

    @Override
    protected String mtaLabel() {
        return "exim";
    }

    @Override
    public long estimate(int messages, long bytes) {
        return bytes + messages * FILES_PER_MESSAGE * 4096;
    }

    @Override
    protected Command storeCommand(String run, String minFreeKb) {
        return script("store-exim", run, minFreeKb, spool.get());
    }

    @Override
    protected Stream<QueuedMessage> listRun(String run, Consumer<String> warnings) {
        String runSpool = directory() + "/" + run;
        return EximSpoolListing.open(transport, EximSpoolScript.listAll(runSpool, spoolReader), runSpool, warnings);
    }

    @Override
    protected Command restoreCommand(String run) {
        return script("restore-exim", run, spool.get());
    }

    @Override
    protected void writeRestoreInput(List<QueuedMessage> messages, OutputStream in) throws IOException {
        writeLines(messages.stream().map(QueuedMessage::id).toList(), in);
    }

    @Override
    protected String restoredDetail() {
        return "";
    }
}
