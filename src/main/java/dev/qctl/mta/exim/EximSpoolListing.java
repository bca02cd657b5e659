package dev.qctl.mta.exim;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs {@link EximSpoolScript} through a transport and streams the records as they are parsed.
 * The stream holds the running command; closing the stream stops it. Errors of the command as a
 * whole (no spool, permission, sudo refusal) surface as a {@link QctlException} when the stream
 * reaches its end, which for those errors is right away. A -H file that cannot be opened is taken
 * for a message delivered while the listing ran (Exim's spool files are 0640 in 0750 directories,
 * so who can enter the spool can read them), with one warning only if nothing at all was readable.
 */
final class EximSpoolListing implements Iterator<QueuedMessage> {
    private final RunningCommand running;
    private final InputStream stdout;
    private final EximSpoolStreamParser parser;
    private final EximRecordMapper mapper;
    private final Consumer<String> warnings;
    private final String spoolDirectory;
    private QueuedMessage next;
    private boolean finished;
    private long listed;
    private long unreadable;

    private EximSpoolListing(RunningCommand running, String host, String spoolDirectory, Consumer<String> warnings,
                             OptionalFields wanted) {
        this.running = running;
        this.stdout = running.stdout();
        this.parser = new EximSpoolStreamParser(stdout);
        this.mapper = new EximRecordMapper(host, warnings, wanted);
        this.warnings = warnings;
        this.spoolDirectory = spoolDirectory;
    }

    static Stream<QueuedMessage> open(Transport transport, Command command, String spoolDirectory,
            Consumer<String> warnings) {
        return open(transport, command, spoolDirectory, warnings, OptionalFields.none());
    }

    static Stream<QueuedMessage> open(Transport transport, Command command, String spoolDirectory,
            Consumer<String> warnings, OptionalFields wanted) {
        RunningCommand running = transport.start(command);
        try {
            running.stdin().close(); // the script reads nothing
        } catch (IOException ignored) {
            // it may have exited already; its status tells
        }
        EximSpoolListing listing = new EximSpoolListing(running, transport.target(), spoolDirectory, warnings, wanted);
        Spliterator<QueuedMessage> spliterator = Spliterators.spliteratorUnknownSize(
                listing, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(listing::close);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !finished) {
            EximSpoolEntry entry = readEntry();
            if (entry == null) {
                finished = true;
                finish();
                break;
            }
            if (entry.headerFile() == null) {
                unreadable++;
                continue;
            }
            next = mapper.map(entry).orElse(null);
            if (next != null) {
                listed++;
            }
        }
        return next != null;
    }

    @Override
    public QueuedMessage next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        QueuedMessage result = next;
        next = null;
        return result;
    }

    private EximSpoolEntry readEntry() {
        try {
            return parser.next();
        } catch (IOException e) {
            close();
            throw new QctlException(ExitCode.ERROR, "reading the Exim spool listing failed: " + e.getMessage(), e);
        }
    }

    /** Called once at the end of the output: decides whether the listing as a whole failed. */
    private void finish() {
        int exit = running.waitFor();
        String stderr = running.stderr();
        close();
        if (exit != 0) {
            throw failure(exit, stderr);
        }
        Integer status = parser.trailerStatus();
        if (status == null) {
            throw new QctlException(ExitCode.ERROR, "the Exim spool listing ended early: "
                    + (stderr.isBlank() ? "no end marker" : EximFailures.firstLine(stderr)));
        }
        if (listed == 0 && unreadable > 0) {
            // Some churn is normal (a message delivered while we read: silent); nothing readable at
            // all may also be a permission problem inside a readable spool directory.
            warnings.accept("exim: " + unreadable + " spool header file(s) in " + spoolDirectory
                    + " could not be read: delivered meanwhile, or no permission (" + EximFailures.RUN_AS_ROOT + ")");
        }
        if (status != 0) {
            warnings.accept("exim: reading the spool reported a problem, the listing may be incomplete: "
                    + EximFailures.firstLine(stderr));
        }
        if (parser.unexpectedLines() > 0) {
            warnings.accept("exim: " + parser.unexpectedLines() + " unexpected lines in the spool listing were ignored");
        }
    }

    private QctlException failure(int exit, String stderr) {
        if (EximFailures.isSudoRefusal(stderr)) {
            return EximFailures.permission("the Exim spool reader", stderr);
        }
        if (exit == 4 || EximFailures.isPermissionDenied(stderr)) {
            return EximFailures.permission("reading the Exim spool directory " + spoolDirectory, stderr);
        }
        if (exit == 3) {
            return new QctlException(ExitCode.UNAVAILABLE, "no Exim spool directory at " + spoolDirectory);
        }
        String line = EximFailures.firstLine(stderr);
        return new QctlException(ExitCode.ERROR,
                "reading the Exim spool failed (exit " + exit + ")" + (line.isEmpty() ? "" : ": " + line));
    }

    void close() {
        try {
            stdout.close(); // locally, the script's children die of SIGPIPE instead of blocking on a full pipe
        } catch (IOException ignored) {
            // already closed
        }
        running.close(); // over SSH: TERM and the channel's close; the connection stays for the next command
    }
}
