package dev.qctl.mta;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.QuarantinedMessage;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Sanitizer;
import dev.qctl.model.Sizes;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What both MTAs' quarantines share: the {@link QuarantineScript} verbs that do not depend on the
 * MTA (prepare, runs, purge), the batching, and the reading of the script's one-letter lines. The
 * MTA-specific parts (which files to keep, how to read a run and how to put a message back) are the
 * subclass's.
 */
public abstract class ShellQuarantine implements QuarantineStore {
    /** IDs per store command: the script reads them on stdin, so no argument limit applies. */
    public static final int BATCH = 5000;
    /** Retention "none": a maximum age no run reaches (3000 years). */
    private static final long NO_AGE_LIMIT = 100_000_000_000L;

    protected final Transport transport;
    protected final QuarantineSettings settings;
    private final String installed;

    /** @param installed the installed copy of the script on the target ({@code quarantine_script}), or null for inline */
    protected ShellQuarantine(Transport transport, QuarantineSettings settings, String installed) {
        this.transport = transport;
        this.settings = settings;
        this.installed = installed;
    }

    /** One verb of the script on this quarantine's directory: {@code sh -c SCRIPT sh VERB DIR ARGS…} or {@code sh FILE VERB DIR ARGS…}. */
    protected final Command script(String verb, String... args) {
        return QuarantineScript.commandWith(installed, verb, directory(), args);
    }

    /** The MTA's name in run files ({@code postfix}, {@code exim}). */
    protected abstract String mtaLabel();

    /** The store verb and its arguments after the run and minimum free space. */
    protected abstract Command storeCommand(String run, String minFreeKb);

    /** The messages kept in one run. */
    protected abstract Stream<QueuedMessage> listRun(String run, Consumer<String> warnings);

    /** The restore command for one run. */
    protected abstract Command restoreCommand(String run);

    /** What the restore command reads on stdin for these messages. */
    protected abstract void writeRestoreInput(List<QueuedMessage> messages, OutputStream in) throws IOException;

    /** The detail of a message put back (e.g. that it got a new queue ID). */
    protected abstract String restoredDetail();

    /** The configured directory plus the MTA's name: two MTAs on one host keep their runs apart. */
    @Override
    public String directory() {
        return settings.directory().replaceAll("/+$", "") + "/" + mtaLabel();
    }

    @Override
    public List<PurgedRun> prepare(long needBytes) {
        List<PurgedRun> purged = new ArrayList<>();
        String[] refusal = new String[1];
        Command command = script("prepare", kb(settings.minFreeBytes()), kb(needBytes),
                Long.toString(settings.retention().toSeconds()), kb(settings.maxBytes()));
        int exit = run(command, null, line -> {
            if (line.startsWith("P ")) {
                purged.add(purged(line));
            } else if (line.startsWith("NOSPACE ") || line.startsWith("CAP ")) {
                refusal[0] = line;
            }
        }, false);
        if (exit == QuarantineScript.EXIT_NO_SPACE) {
            throw new QctlException(ExitCode.NO_SPACE, "not enough free space on " + transport.target()
                    + " to quarantine " + Sizes.human(needBytes) + " in " + directory() + ": "
                    + Sizes.human(number(refusal[0]) * 1024) + " free, at least " + Sizes.human(settings.minFreeBytes())
                    + " must stay free; nothing was deleted (free space, or lower the minimum with --quarantine-min-free)");
        }
        if (exit == QuarantineScript.EXIT_CAP) {
            throw new QctlException(ExitCode.NO_SPACE, "quarantining these messages takes about " + Sizes.human(needBytes)
                    + ", more than the quarantine's size cap of " + Sizes.human(settings.maxBytes()) + " on "
                    + transport.target() + "; nothing was deleted (raise --quarantine-max-size, or delete fewer at once)");
        }
        return purged;
    }

    @Override
    public void store(String run, List<String> ids, OutcomeSink sink) {
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Command command = storeCommand(run, kb(settings.minFreeBytes()));
            int exit = run(command, in -> writeLines(batch, in), line -> {
                if (line.length() < 3 || line.charAt(1) != ' ') {
                    return;
                }
                String id = line.substring(2);
                switch (line.charAt(0)) {
                    case 'Q' -> sink.outcome(id, Result.OK, "");
                    case 'N' -> sink.outcome(id, Result.NOT_FOUND, "left the queue before the quarantine");
                    case 'F' -> sink.outcome(id, Result.FAILED,
                            "not deleted: it could not be quarantined (it changed or left the queue while it was copied)");
                    default -> { }
                }
            }, false);
            if (exit == QuarantineScript.EXIT_NO_SPACE) {
                throw new QctlException(ExitCode.NO_SPACE, "the free space on " + transport.target() + " dropped below "
                        + Sizes.human(settings.minFreeBytes()) + " while quarantining: the rest was not deleted");
            }
        }
    }

    @Override
    public Stream<QuarantinedMessage> list(Consumer<String> warnings) {
        List<String[]> runs = new ArrayList<>();
        run(script("runs"), null, line -> {
            String[] f = line.split(" ");
            if (f.length == 5 && f[0].equals("R") && f[3].equals(mtaLabel())) {
                runs.add(f);
            }
        }, true);
        return runs.stream().flatMap(r -> {
            Instant kept = Instant.ofEpochSecond(number(r[2]));
            return listRun(r[1], warnings).map(m -> new QuarantinedMessage(r[1], kept, m));
        });
    }

    @Override
    public void restore(String run, List<QueuedMessage> messages, OutcomeSink sink) {
        if (messages.isEmpty()) {
            return;
        }
        int exit = run(restoreCommand(run), in -> writeRestoreInput(messages, in), line -> {
            if (line.length() < 3 || line.charAt(1) != ' ') {
                return;
            }
            int space = line.indexOf(' ', 2);
            String id = space < 0 ? line.substring(2) : line.substring(2, space);
            String why = space < 0 ? "" : Sanitizer.inline(line.substring(space + 1));
            switch (line.charAt(0)) {
                case 'R' -> sink.outcome(id, Result.OK, restoredDetail());
                case 'N' -> sink.outcome(id, Result.NOT_FOUND, "no longer in the quarantine");
                case 'T' -> sink.outcome(id, Result.FAILED, "its queue ID is taken by a message in the queue: kept in the quarantine");
                case 'F' -> sink.outcome(id, Result.FAILED, why.isEmpty() ? "could not be put back" : why);
                default -> { }
            }
        }, false);
        if (exit != 0) {
            throw new QctlException(ExitCode.ERROR, "restoring on " + transport.target() + " stopped (exit status " + exit + ")");
        }
    }

    @Override
    public List<PurgedRun> purge(Duration olderThan) {
        List<PurgedRun> purged = new ArrayList<>();
        run(script("purge", Long.toString(olderThan == null ? NO_AGE_LIMIT : olderThan.toSeconds()),
                kb(settings.maxBytes())), null, line -> {
            if (line.startsWith("P ")) {
                purged.add(purged(line));
            }
        }, true);
        return purged;
    }

    private static PurgedRun purged(String line) {
        String[] f = line.split(" ");
        return new PurgedRun(f.length > 1 ? f[1] : "?", f.length > 2 ? number(f[2]) * 1024 : 0, f.length > 3 ? f[3] : "");
    }

    protected interface Input {
        void write(OutputStream in) throws IOException;
    }

    /**
     * Runs one script command, its stdin written on its own thread (so its answers never wait for
     * us), each stdout line to {@code lines}. Exit statuses 8 and 9 are returned (the refusals);
     * others than 0 fail here, as do all of them with {@code strict}.
     */
    protected final int run(Command command, Input input, Consumer<String> lines, boolean strict) {
        try (RunningCommand running = transport.start(command)) {
            Thread writer = new Thread(() -> {
                try (OutputStream in = new BufferedOutputStream(running.stdin(), 1 << 16)) {
                    if (input != null) {
                        input.write(in);
                    }
                } catch (IOException e) {
                    // the script went away: its status tells
                }
            }, "stdin-quarantine");
            writer.setDaemon(true);
            writer.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(running.stdout(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int exit = running.waitFor();
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (exit == 0 || (!strict && (exit == QuarantineScript.EXIT_CAP || exit == QuarantineScript.EXIT_NO_SPACE))) {
                return exit;
            }
            throw CommandFailures.explain("quarantine", command, exit, running.stderr());
        }
    }

    protected static void writeLines(List<String> lines, OutputStream in) throws IOException {
        for (String line : lines) {
            in.write(line.getBytes(StandardCharsets.UTF_8));
            in.write('\n');
        }
    }

    private static String kb(long bytes) {
        return Long.toString((bytes + 1023) / 1024);
    }

    private static long number(String text) {
        if (text == null) {
            return 0;
        }
        String digits = text.replaceAll("[^0-9]", "");
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
