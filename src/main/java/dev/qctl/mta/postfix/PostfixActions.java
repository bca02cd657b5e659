package dev.qctl.mta.postfix;

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
import dev.qctl.exec.RunningCommand;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.OutcomeSink;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix actions: one {@code postsuper -X -} per action with every ID on stdin (so deleting 100k
 * messages is one process), and {@code postqueue -i ID} where Postfix has no batch form. postsuper
 * exits 0 even for IDs it did not find, so each ID's fate is read from its per-message stderr
 * lines ({@code postsuper: ID: removed}) as they stream.
 */
final class PostfixActions {
    /** Bounce also asks for an immediate delivery attempt, one process per ID, up to this many. */
    static final int BOUNCE_NUDGE_LIMIT = 100;

    private static final Map<Action, String> POSTSUPER_OPTION = new EnumMap<>(Map.of(
            Action.HOLD, "-h", Action.RELEASE, "-H", Action.REQUEUE, "-r", Action.DELETE, "-d", Action.BOUNCE, "-f"));
    private static final Map<Action, String> POSTSUPER_SAYS = new EnumMap<>(Map.of(
            Action.HOLD, "placed on hold", Action.RELEASE, "released from hold", Action.REQUEUE, "requeued",
            Action.DELETE, "removed", Action.BOUNCE, "expired"));
    private static final Pattern PER_MESSAGE = Pattern.compile("^postsuper: ([0-9A-Za-z]+): (.*)$");

    static final Set<Action> SUPPORTED = java.util.EnumSet.complementOf(java.util.EnumSet.of(Action.RESTORE));
    /** IDs per postcat process when looking messages up. */
    static final int LOOKUP_BATCH = 500;

    private final Transport transport;
    private final PostfixTools tools;

    PostfixActions(Transport transport, PostfixTools tools) {
        this.transport = transport;
        this.tools = tools;
    }

    ActionPlan plan(Action action, List<String> ids) {
        requireVersionFor(action);
        List<ActionPlan.Step> steps = new ArrayList<>();
        if (action == Action.DELIVER) {
            ids.forEach(id -> steps.add(new ActionPlan.Step(tools.postqueue("-i", id), 1, false)));
            return new ActionPlan(steps);
        }
        steps.add(new ActionPlan.Step(tools.postsuper(POSTSUPER_OPTION.get(action), "-"), ids.size(), true));
        if (action == Action.BOUNCE && ids.size() <= BOUNCE_NUDGE_LIMIT) {
            ids.forEach(id -> steps.add(new ActionPlan.Step(tools.postqueue("-i", id), 1, false)));
        }
        return new ActionPlan(steps);
    }

    void act(Action action, List<String> ids, OutcomeSink sink) {
        requireVersionFor(action);
        if (ids.isEmpty()) {
            return;
        }
        if (action == Action.DELIVER) {
            for (String id : ids) {
                sink.handedOver(id);
                deliverNow(id);
                sink.outcome(id, ActionOutcome.Result.OK, "");
            }
            return;
        }
        List<String> done = postsuper(action, ids, sink);
        if (action == Action.BOUNCE && ids.size() <= BOUNCE_NUDGE_LIMIT) {
            // Expired messages bounce at their next attempt: ask for it now (failures here are harmless).
            done.forEach(id -> transport.run(tools.postqueue("-i", id)));
        }
    }

    /**
     * One postsuper for every ID, on its stdin; each {@code postsuper: ID: removed} line is an
     * outcome the moment it is read (no cap: a million lines are a million outcomes). postsuper
     * says nothing about an ID it did not find, so silence after a clean exit is not-found.
     * Returns the IDs it acted on, for a bounce's nudges (only kept for a few).
     */
    private List<String> postsuper(Action action, List<String> ids, OutcomeSink sink) {
        Command command = tools.postsuper(POSTSUPER_OPTION.get(action), "-");
        String success = POSTSUPER_SAYS.get(action);
        PostsuperReport report = new PostsuperReport(success, sink, action == Action.BOUNCE && ids.size() <= BOUNCE_NUDGE_LIMIT);
        try (RunningCommand running = transport.start(command)) {
            running.onStderrLine(report::line);
            Thread writer = new Thread(() -> feed(running, ids, sink), "stdin-postsuper");
            writer.setDaemon(true);
            writer.start();
            try (InputStream out = running.stdout()) {
                out.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int exit = running.waitFor();
            join(writer);
            if (exit != 0 && report.said() == 0) {
                throw CommandFailures.explain("Postfix", command, exit, running.stderr());
            }
            report.finish(ids, exit);
            return report.acted();
        }
    }

    private static void feed(RunningCommand running, List<String> ids, OutcomeSink sink) {
        try (OutputStream in = new BufferedOutputStream(running.stdin(), 1 << 16)) {
            for (String id : ids) {
                in.write(id.getBytes(StandardCharsets.US_ASCII));
                in.write('\n');
                sink.handedOver(id); // written may still be short of read; a failure makes it unknown, not lost
            }
        } catch (IOException e) {
            // postsuper (or the connection) went away: the IDs not written are not attempted.
        }
    }

    private static void join(Thread writer) {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverNow(String id) {
        Command command = tools.postqueue("-i", id);
        CommandResult result = transport.run(command);
        if (!result.ok()) {
            throw CommandFailures.explain("Postfix", command, result.exitCode(), result.stderr());
        }
    }

    /**
     * Reads postsuper's per-message lines as they come. It keeps nothing per message but the rare
     * lines that are not a success (a million IDs are a million outcomes, not a million strings): an
     * ID's first outcome is the one that counts, so the not-found said at the end for every ID
     * without a failure line changes nothing for those that succeeded.
     */
    private static final class PostsuperReport {
        private final String success;
        private final OutcomeSink sink;
        private final boolean keepActed;
        private final Map<String, List<String>> others = new HashMap<>();
        private final List<String> acted = new ArrayList<>();
        private int said;

        PostsuperReport(String success, OutcomeSink sink, boolean keepActed) {
            this.success = success;
            this.sink = sink;
            this.keepActed = keepActed;
        }

        synchronized void line(String line) {
            Matcher m = PER_MESSAGE.matcher(line.strip());
            if (!m.matches()) {
                return;
            }
            said++;
            String id = m.group(1);
            String text = m.group(2);
            if (text.startsWith(success)) {
                sink.outcome(id, ActionOutcome.Result.OK, "");
                others.remove(id);
                if (keepActed && acted.size() < BOUNCE_NUDGE_LIMIT && !acted.contains(id)) {
                    acted.add(id);
                }
            } else if (others.size() < 10_000) {
                others.computeIfAbsent(id, k -> new ArrayList<>()).add(text);
            }
        }

        synchronized int said() {
            return said;
        }

        synchronized List<String> acted() {
            return List.copyOf(acted);
        }

        /** Every ID without a success line: failed with postsuper's words, or (after a clean exit) not found. */
        synchronized void finish(List<String> ids, int exit) {
            for (String id : ids) {
                List<String> lines = others.get(id);
                if (lines != null) {
                    sink.outcome(id, ActionOutcome.Result.FAILED, Sanitizer.inline(String.join("; ", lines)));
                } else if (exit == 0) {
                    sink.outcome(id, ActionOutcome.Result.NOT_FOUND, "postsuper did not find it (delivered or removed meanwhile?)");
                }
                // postsuper failed: an ID it said nothing about stays open (unknown) for the caller
            }
        }
    }

    /**
     * The envelopes of these IDs, read by {@code postcat -e -q} in batches of {@link #LOOKUP_BATCH}
     * IDs per process; an ID not in the queue is simply not there.
     */
    void lookup(List<String> ids, java.time.ZoneId zone, String host, Consumer<String> warnings,
                Consumer<QueuedMessage> each) {
        PostcatEnvelopes envelopes = new PostcatEnvelopes(host, zone, warnings);
        for (int from = 0; from < ids.size(); from += LOOKUP_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + LOOKUP_BATCH));
            List<String> args = new ArrayList<>(List.of("-e", "-q"));
            args.addAll(batch);
            Command command = tools.postcat(args.toArray(String[]::new));
            try (RunningCommand running = transport.start(command)) {
                running.stdin().close();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(running.stdout(), StandardCharsets.UTF_8))) {
                    envelopes.read(reader, each);
                }
                int exit = running.waitFor();
                String stderr = running.stderr();
                if (exit != 0 && !stderr.contains("No such file or directory")) {
                    throw CommandFailures.explain("Postfix", command, exit, stderr);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void requireVersionFor(Action action) {
        if (action == Action.BOUNCE && !tools.version().atLeast(3, 5)) {
            throw new QctlException(ExitCode.USAGE, "bounce needs Postfix 3.5 or later (postsuper -f); this is Postfix "
                    + tools.version().text() + ": use 'qctl delete' to drop messages without a bounce");
        }
    }

    Command flushCommand(String site) {
        return site == null ? tools.postqueue("-f") : tools.postqueue("-s", site);
    }

    void flush(String site) {
        Command command = flushCommand(site);
        CommandResult result = transport.run(command);
        if (!result.ok()) {
            if (site != null && result.exitCode() == 69) {
                throw new QctlException(ExitCode.ERROR, "Postfix cannot flush " + site
                        + " alone: add it to fast_flush_domains (postconf fast_flush_domains), or flush the whole queue");
            }
            throw CommandFailures.explain("Postfix", command, result.exitCode(), result.stderr());
        }
    }
}
