package dev.qctl.mta.exim;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.Transport;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.mta.ActionPlan;
import dev.qctl.mta.CommandFailures;
import dev.qctl.model.Sanitizer;
import dev.qctl.exec.ExecException;
import dev.qctl.exec.RunningCommand;
import dev.qctl.model.Sanitizer;
import dev.qctl.mta.OutcomeSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Exim actions: {@code exim -Mf/-Mt/-M/-Mg/-Mrm ID…} with the IDs in chunks that stay far below
 * the system's argument limit, so 100k messages take a few hundred processes, not 100k. Exim
 * says per message what happened ("Message ID is now frozen", "Spool data file for ID does not
 * exist"); some actions say nothing when they succeed, so silence with exit 0 is success.
 */
final class EximActions {
    /** IDs per command: 500 × 24 bytes is far below ARG_MAX on every system Exim runs on. */
    static final int CHUNK = 500;
    /** Exim processes at once: each spends most of its time on its own messages' files. */
    static final int PARALLEL = 2;
    private static final Pattern ID_IN_LINE = Pattern.compile("[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}");

    private static final Map<Action, String> OPTION = new EnumMap<>(Map.of(
            Action.HOLD, "-Mf", Action.RELEASE, "-Mt", Action.DELIVER, "-M", Action.BOUNCE, "-Mg", Action.DELETE, "-Mrm"));
    static final Set<Action> SUPPORTED = OPTION.keySet();

    private final Transport transport;
    private final EximCommands commands;

    EximActions(Transport transport, EximCommands commands) {
        this.transport = transport;
        this.commands = commands;
    }

    static String unsupported(Action action) {
        if (action == Action.REQUEUE) {
            return "Exim has no requeue (its queue has no pickup step): use 'qctl deliver' to try delivery now";
        }
        return "Exim cannot " + action.description();
    }

    ActionPlan plan(Action action, List<String> ids) {
        List<ActionPlan.Step> steps = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            steps.add(new ActionPlan.Step(command(action, chunk), chunk.size(), false));
        }
        return new ActionPlan(steps);
    }

    /**
     * The chunks run {@link #PARALLEL} at a time (Exim locks each message on its own, so two
     * processes never contend for one); each chunk's outcomes are reported when that process ends.
     * A chunk that fails leaves its IDs open (unknown) and stops the chunks not yet started.
     */
    void act(Action action, List<String> ids, OutcomeSink sink) {
        List<List<String>> chunks = chunks(ids);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, chunks.size())), r -> {
            Thread t = new Thread(r, "exim-action");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<String> chunk : chunks) {
                running.add(pool.submit(() -> {
                    if (failure.get() == null) {
                        try {
                            runChunk(action, chunk, sink);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecException("interrupted while Exim acted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void runChunk(Action action, List<String> chunk, OutcomeSink sink) {
        Command command = command(action, chunk);
        ChunkReport report = new ChunkReport(chunk);
        try (RunningCommand running = transport.start(command)) {
            chunk.forEach(sink::handedOver);
            running.stdin().close();
            running.onStderrLine(report::line);
            int exit;
            try {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(running.stdout(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        report.line(line);
                    }
                }
                exit = running.waitFor();
            } catch (IOException | RuntimeException e) {
                // what Exim said it did before the failure stands; the rest of the chunk is unknown
                for (String id : chunk) {
                    List<String> said = report.linesAbout(id);
                    if (!said.isEmpty() && outcome(id, said, false).isOk()) {
                        sink.outcome(id, ActionOutcome.Result.OK, "");
                    }
                }
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            if (exit != 0 && !report.anyAboutIds()) {
                throw CommandFailures.explain("Exim", command, exit, running.stderr());
            }
            for (String id : chunk) {
                ActionOutcome o = outcome(id, report.linesAbout(id), exit == 0);
                sink.outcome(id, o.result(), o.detail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one process said about each of its IDs (at most a few lines each: the chunk is small). */
    private static final class ChunkReport {
        private final Map<String, List<String>> said = new HashMap<>();
        private boolean anyAboutIds;

        ChunkReport(List<String> ids) {
            ids.forEach(id -> said.put(id, new ArrayList<>()));
        }

        synchronized void line(String line) {
            Matcher m = ID_IN_LINE.matcher(line);
            while (m.find()) {
                List<String> lines = said.get(m.group());
                if (lines != null && lines.size() < 8) {
                    lines.add(line.strip());
                    anyAboutIds = true;
                }
            }
        }

        synchronized boolean anyAboutIds() {
            return anyAboutIds;
        }

        synchronized List<String> linesAbout(String id) {
            return said.get(id);
        }
    }

    private Command command(Action action, List<String> ids) {
        String option = OPTION.get(action);
        if (option == null) {
            throw new QctlException(ExitCode.USAGE, unsupported(action));
        }
        return commands.action(option, ids);
    }

    private static ActionOutcome outcome(String id, List<String> lines, boolean exitOk) {
        String all = String.join("; ", lines);
        String lower = all.toLowerCase(Locale.ROOT);
        if (lower.contains("does not exist") || lower.contains("did not exist") || lower.contains("not found")) {
            return new ActionOutcome(id, ActionOutcome.Result.NOT_FOUND, "Exim did not find it (delivered or removed meanwhile?)");
        }
        if (lower.contains("is not frozen")) {
            return new ActionOutcome(id, ActionOutcome.Result.OK, "not on hold: nothing to do");
        }
        if (lower.contains("is already frozen")) {
            return new ActionOutcome(id, ActionOutcome.Result.OK, "already on hold: nothing to do");
        }
        boolean said = lower.contains("is now frozen") || lower.contains("no longer frozen")
                || lower.contains("has been removed");
        if (said || (exitOk && !lower.contains("error") && !lower.contains("locked"))) {
            return ActionOutcome.ok(id);
        }
        return new ActionOutcome(id, ActionOutcome.Result.FAILED,
                all.isEmpty() ? "exim reported a failure" : Sanitizer.inline(all));
    }

    /** -Mes ID SENDER, -Mar ID ADDR…, -Mmd ID ADDR…, -Mmad ID: in this order, each only when asked. */
    List<Command> editCommands(String id, dev.qctl.mta.MessageEdit edit) {
        List<Command> commands = new ArrayList<>();
        if (edit.sender() != null) {
            commands.add(this.commands.action("-Mes", List.of(id, edit.sender())));
        }
        if (!edit.addRecipients().isEmpty()) {
            List<String> args = new ArrayList<>(List.of(id));
            args.addAll(edit.addRecipients());
            commands.add(this.commands.action("-Mar", args));
        }
        if (!edit.markDelivered().isEmpty()) {
            List<String> args = new ArrayList<>(List.of(id));
            args.addAll(edit.markDelivered());
            commands.add(this.commands.action("-Mmd", args));
        }
        if (edit.markAllDelivered()) {
            commands.add(this.commands.action("-Mmad", List.of(id)));
        }
        return commands;
    }

    void edit(String id, dev.qctl.mta.MessageEdit edit) {
        for (Command command : editCommands(id, edit)) {
            CommandResult result = transport.run(command);
            if (!result.ok()) {
                String said = (result.stdout() + "\n" + result.stderr()).strip();
                if (said.contains("does not exist") || said.contains("not found")) {
                    throw new QctlException(ExitCode.NOT_FOUND, "no message " + id + " in the Exim queue");
                }
                throw CommandFailures.explain("Exim", command, result.exitCode(), said);
            }
        }
    }

    /**
     * {@code -qf}: a forced run that leaves frozen (held) messages alone, as Postfix's flush leaves
     * its hold queue; {@code -Rrf @DOMAIN$}: the same for recipients at exactly that domain (a
     * plain -R string would match anywhere in the address: example.com in notexample.com.evil).
     */
    Command flushCommand(String site) {
        return site == null ? commands.action("-qf", List.of()) : commands.action("-Rrf", List.of(siteRegex(site)));
    }

    /** The regular expression -Rr matches against each undelivered recipient address (case-insensitively). */
    static String siteRegex(String domain) {
        StringBuilder regex = new StringBuilder("@");
        for (char c : domain.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-') {
                regex.append(c);
            } else {
                regex.append('\\').append(c);
            }
        }
        return regex.append('$').toString();
    }

    void flush(String site) {
        Command command = flushCommand(site);
        CommandResult result = transport.run(command);
        if (!result.ok()) {
            throw CommandFailures.explain("Exim", command, result.exitCode(), result.stderr());
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
        }
        return chunks;
    }
}
