package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.mta.MessageEdit;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Sanitizer;
import dev.qctl.mta.MtaAdapter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The act use case, the one path of every action (the action commands, the TUI): resolve the
 * selection on each host, confirm, write the audit intent, check reused IDs, act in batches with
 * an outcome per message as the MTA reports it, settle what a failure left open, write the audit
 * result. A host that fails midway keeps the outcomes it had; the messages it never reached are
 * not-attempted, those the MTA had when it failed are looked up again, else unknown.
 */
public final class ActionService {
    /** Explicit IDs up to this many are looked up one by one; more, and the queue is read once. */
    static final int LOOKUP_LIMIT = 2000;
    /** A selection younger than this (and than its own reading took) is not read again for reused IDs. */
    static final Duration RECHECK_AFTER = Duration.ofSeconds(1);

    private final AuditLog audit;
    private final Clock clock;

    public ActionService(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    public ActionReport run(ActionRequest request, ActionHosts hosts, ActionCallbacks callbacks) {
        Selection selection = request.selection();
        if (selection.isUnbounded()) {
            throw new IllegalArgumentException("refusing to " + request.action().label() + " the whole queue: give queue IDs, "
                    + "a filter (e.g. --from, --older-than), or --all");
        }
        if (selection.all() && !selection.filter().isEmpty()) {
            throw new IllegalArgumentException("--all means the whole queue: leave it out when filtering");
        }
        if (!request.dryRun()) {
            audit.check(); // an action that cannot be audited is refused before anything is read
        }
        boolean several = hosts.size() > 1;
        Instant now = clock.instant();
        List<HostAct> acts = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            acts.add(null);
        }
        List<HostResult<HostAct>> resolved = hosts.run((host, adapter, index) -> {
            HostAct act = new HostAct(host, index);
            act.adapter = adapter;
            act.readFrom = clock.instant();
            resolve(act, request, several, now, callbacks);
            act.readUntil = clock.instant();
            return act;
        }, r -> {
            if (!r.ok()) {
                callbacks.hostFailed(r);
            }
        });
        for (int i = 0; i < resolved.size(); i++) {
            HostResult<HostAct> r = resolved.get(i);
            HostAct act = r.ok() ? r.value() : new HostAct(r.host(), i);
            if (!r.ok()) {
                act.unresolved = true;
                act.fail(r.error(), r.code());
            }
            acts.set(i, act);
        }
        requireSomeHostAccepts(selection.ids(), acts, several);
        ActionReport report = new ActionReport(request.action(), request.dryRun(), several, acts);
        int total = acts.stream().mapToInt(a -> a.selected.size()).sum();
        if (request.dryRun() || total == 0) {
            return report; // nothing changes: nothing to audit
        }
        if (!callbacks.confirm(preview(request.action(), acts, total))) {
            return report.declined();
        }
        AuditLog.Run run = new AuditLog.Run(AuditLog.newRunId(now), request.action().label(), selection.kind(),
                request.filterText());
        report.runId(run.id());
        try (Progress progress = callbacks.progress()) {
            progress.total(total);
            List<HostAct> ready = acts.stream().filter(a -> !a.unresolved).toList();
            List<HostResult<Object>> done = hosts.run((host, adapter, index) -> {
                HostAct act = acts.get(index);
                if (!act.unresolved) {
                    act.progress(progress);
                    execute(act, request, run, callbacks);
                }
                return null;
            }, r -> {
                if (!r.ok()) {
                    callbacks.hostFailed(r); // its deadline: what it reported so far is kept
                }
            });
            for (int i = 0; i < done.size(); i++) {
                if (!done.get(i).ok()) {
                    acts.get(i).fail(done.get(i).error(), done.get(i).code());
                }
            }
            for (HostAct act : ready) {
                settle(act, request.action(), callbacks);
                auditResult(run, act, callbacks);
            }
        }
        return report;
    }

    /**
     * Reads what the selection names on one host, keeping of each selected message only its ID,
     * arrival and sender. Explicit IDs alone (not too many) are looked up one by one, not found by
     * reading the whole queue; IDs not there, outside the filter or already as asked get their
     * outcome here.
     */
    private void resolve(HostAct act, ActionRequest request, boolean several, Instant now, ActionCallbacks callbacks) {
        MtaAdapter adapter = act.adapter;
        Action action = request.action();
        Selection selection = request.selection();
        if (!adapter.actions().contains(action)) {
            throw new QctlException(ExitCode.USAGE, adapter.unsupported(action));
        }
        MessageTable asked = selection.idTable();
        BitSet mine = new BitSet(asked.size()); // the IDs that can be on this host
        for (int i = 0; i < asked.size(); i++) {
            String id = asked.id(i);
            if (adapter.idGrammar().isValid(id)) {
                mine.set(i);
            } else if (!several) {
                adapter.idGrammar().require(id); // one bad ID stops everything, before any command
            }
        }
        if (selection.byIds() && mine.isEmpty()) {
            return; // none of the IDs can be on this host
        }
        BitSet seen = new BitSet(asked.size());
        BitSet matched = new BitSet(asked.size());
        act.lookedUp = selection.byIds() && selection.filter().isEmpty() && mine.cardinality() <= LOOKUP_LIMIT;
        // a filter on the origin or the headers says which optional fields the listing must read
        try (Stream<QueuedMessage> source = act.lookedUp ? adapter.lookup(idsAt(asked, mine), callbacks::warn)
                : adapter.list(selection.filter().neededFields(), callbacks::warn)) {
            source.forEach(m -> {
                int at = selection.byIds() ? asked.indexOf(m.id()) : -1;
                if (selection.byIds() && (at < 0 || !mine.get(at))) {
                    return;
                }
                boolean match = selection.filter().matches(m, now);
                if (at >= 0) {
                    seen.set(at);
                    matched.set(at, match);
                }
                if (!match) {
                    return;
                }
                if (!adapter.idGrammar().isValid(m.id())) {
                    // never hand back to the MTA an ID that is not one of its IDs, whatever its listing said
                    callbacks.warn(act.host + ": skipped a message with a malformed queue ID '" + Sanitizer.inline(m.id()) + "'");
                    return;
                }
                String done = action.alreadyDone(m);
                if (done != null) {
                    act.early.setOutcome(act.early.add(m.id()), Result.OK, done + ": nothing to do");
                    return;
                }
                act.selected.add(m.id(), m);
                act.selectedBytes += m.size();
                if (act.sample.size() < ActionPreview.SAMPLE_SIZE) {
                    act.sample.add(m);
                }
                if (request.dryRun()) {
                    callbacks.selected(act.index, m);
                }
            });
        }
        for (int i = mine.nextSetBit(0); i >= 0; i = mine.nextSetBit(i + 1)) {
            if (!seen.get(i)) {
                act.early.setOutcome(act.early.add(asked.id(i)), Result.NOT_FOUND, "not in the queue");
            } else if (!matched.get(i)) {
                act.early.setOutcome(act.early.add(asked.id(i)), Result.SKIPPED, "does not match the filter");
            }
        }
        QuarantineStep.prepare(request, act, callbacks); // a refusal (free space) stops the host before the confirmation
    }

    private static List<String> idsAt(MessageTable table, BitSet at) {
        List<String> ids = new ArrayList<>(at.cardinality());
        for (int i = at.nextSetBit(0); i >= 0; i = at.nextSetBit(i + 1)) {
            ids.add(table.id(i));
        }
        return ids;
    }

    /** With several hosts an ID is sent only where it fits the MTA; one that fits none stops everything. */
    private static void requireSomeHostAccepts(List<String> ids, List<HostAct> acts, boolean several) {
        List<HostAct> ok = acts.stream().filter(a -> !a.unresolved).toList();
        if (!several || ok.isEmpty()) {
            return;
        }
        for (String id : ids) {
            if (ok.stream().noneMatch(a -> a.adapter.idGrammar().isValid(id))) {
                throw new QctlException(ExitCode.BAD_ID, "'" + Sanitizer.inline(id)
                        + "' is not a queue ID of any MTA on these hosts (nothing was run)");
            }
        }
    }

    static ActionPreview preview(Action action, List<HostAct> acts, int total) {
        List<ActionPreview.HostCount> counts = new ArrayList<>();
        List<ActionPreview.Sample> sample = new ArrayList<>();
        for (HostAct a : acts) {
            if (a.unresolved) {
                continue;
            }
            counts.add(new ActionPreview.HostCount(a.host, a.adapter.mta().displayName(), a.selected.size()));
            for (QueuedMessage m : a.sample) {
                if (sample.size() < ActionPreview.SAMPLE_SIZE) {
                    sample.add(new ActionPreview.Sample(a.host, m));
                }
            }
        }
        return new ActionPreview(action, total, counts, sample);
    }

    /** Intent, re-check of reused IDs, the action itself. A failure is kept on the host, never thrown. */
    private void execute(HostAct act, ActionRequest request, AuditLog.Run run, ActionCallbacks callbacks) {
        if (act.selected.size() == 0) {
            return;
        }
        try {
            audit.intent(run, clock.instant(), act.host, act.adapter.mta().label(), act.selected.ids());
        } catch (QctlException e) {
            act.fail(e.getMessage(), e.exitCode());
            return;
        }
        try {
            if (selectionAged(act)) {
                recheckReusedIds(act, callbacks);
            }
            List<String> open = QuarantineStep.keep(request.quarantine(), act, run, act.selected.open(), callbacks);
            if (!open.isEmpty()) {
                request.pacing().act(act.adapter, request.action(), open, act); // unpaced: at once
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            act.fail(ExitCode.messageOf(e), ExitCode.of(e));
        }
    }

    /**
     * Whether the selection waited long enough (a person at the prompt) for a second read to narrow
     * the window in which a short ID could be reused. A message read at the start of a listing of L
     * seconds is acted on about L seconds later; a second listing, as long, leaves the same L. Only a
     * pause longer than the reading itself (and than a second) makes the second read worth its cost.
     */
    private boolean selectionAged(HostAct act) {
        Duration reading = Duration.between(act.readFrom, act.readUntil);
        Duration pause = Duration.between(act.readUntil, clock.instant());
        return pause.compareTo(reading.compareTo(RECHECK_AFTER) > 0 ? reading : RECHECK_AFTER) > 0;
    }

    /**
     * Where the MTA reuses queue IDs (Postfix short IDs) and the selection has aged, reads the
     * selected messages again right before acting: one whose ID now names another message is
     * skipped, one that is gone is not-found. Long Postfix IDs and Exim IDs are never reused: no
     * second read for them.
     */
    private static void recheckReusedIds(HostAct act, ActionCallbacks callbacks) {
        MessageTable selected = act.selected;
        BitSet reusable = new BitSet(selected.size());
        for (int i = 0; i < selected.size(); i++) {
            if (act.adapter.idGrammar().mayBeReused(selected.id(i))) {
                reusable.set(i);
            }
        }
        if (reusable.isEmpty()) {
            return;
        }
        BitSet seen = new BitSet(selected.size());
        try (Stream<QueuedMessage> now = act.lookedUp ? act.adapter.lookup(selected.ids(), callbacks::warn)
                : act.adapter.list(callbacks::warn)) {
            now.forEach(m -> {
                int i = selected.indexOf(m.id());
                if (i < 0 || !reusable.get(i)) {
                    return;
                }
                seen.set(i);
                if (!selected.sameMessage(i, m)) {
                    act.settle(i, Result.SKIPPED, "the queue ID now names another message");
                }
            });
        }
        for (int i = reusable.nextSetBit(0); i >= 0; i = reusable.nextSetBit(i + 1)) {
            if (!seen.get(i)) {
                act.settle(i, Result.NOT_FOUND, "left the queue before the action");
            }
        }
    }

    /**
     * After the host is done: a message without an outcome was either never handed to the MTA
     * (not-attempted) or was in its hands when the command or connection failed. Those are looked
     * up again where the host still answers, and reported as the queue shows them; else unknown.
     */
    private static void settle(HostAct act, Action action, ActionCallbacks callbacks) {
        MessageTable selected = act.selected;
        List<Integer> inFlight = new ArrayList<>();
        String why = act.error() == null ? "the MTA said nothing about it" : act.error();
        for (int i = 0; i < selected.size(); i++) {
            byte state = selected.state(i);
            if (state == MessageTable.IN_FLIGHT) {
                inFlight.add(i);
            } else if (state == MessageTable.PENDING) {
                act.settle(i, Result.NOT_ATTEMPTED, "not reached: " + why);
            }
        }
        if (inFlight.isEmpty()) {
            return;
        }
        if (act.error() == null) {
            act.fail("the MTA did not report on " + inFlight.size() + " messages", ExitCode.PARTIAL);
        }
        Map<String, QueuedMessage> now = reread(act, inFlight, callbacks);
        for (int i : inFlight) {
            String id = selected.id(i);
            if (now == null) {
                act.settle(i, Result.UNKNOWN, "the MTA had it when the action failed (" + act.error() + "); check the queue");
            } else {
                Recovered r = recovered(action, now.get(id));
                act.settle(i, r.result, r.detail);
            }
        }
    }

    private static Map<String, QueuedMessage> reread(HostAct act, List<Integer> inFlight, ActionCallbacks callbacks) {
        List<String> ids = inFlight.stream().map(act.selected::id).toList();
        Map<String, QueuedMessage> found = new HashMap<>();
        try (Stream<QueuedMessage> s = ids.size() <= LOOKUP_LIMIT ? act.adapter.lookup(ids, callbacks::warn)
                : act.adapter.list(callbacks::warn)) {
            // by ID only: a lookup and a listing need not agree on the arrival to the second
            s.filter(m -> act.selected.contains(m.id())).forEach(m -> found.put(m.id(), m));
            return found;
        } catch (RuntimeException e) {
            return null; // the host does not answer either: the state cannot be known
        }
    }

    private record Recovered(Result result, String detail) {
    }

    /** What the queue, read again after a failure, says about one message the MTA had. */
    private static Recovered recovered(Action action, QueuedMessage now) {
        boolean held = now != null && now.queue() == QueueName.HOLD;
        switch (action) {
            case DELETE:
                return now == null ? new Recovered(Result.OK, "gone from the queue (read again after the failure)")
                        : new Recovered(Result.NOT_ATTEMPTED, "still in the queue after the failure");
            case HOLD:
                return now == null ? new Recovered(Result.NOT_FOUND, "gone from the queue (read again after the failure)")
                        : held ? new Recovered(Result.OK, "on hold (read again after the failure)")
                        : new Recovered(Result.NOT_ATTEMPTED, "not on hold after the failure");
            case RELEASE:
                return now == null ? new Recovered(Result.NOT_FOUND, "gone from the queue (read again after the failure)")
                        : !held ? new Recovered(Result.OK, "released (read again after the failure)")
                        : new Recovered(Result.NOT_ATTEMPTED, "still on hold after the failure");
            default:
                return new Recovered(Result.UNKNOWN, (now == null ? "gone from" : "still in")
                        + " the queue after the failure: whether the " + action.label() + " happened cannot be told");
        }
    }

    private void auditResult(AuditLog.Run run, HostAct act, ActionCallbacks callbacks) {
        auditResult(audit, clock, run, act, callbacks);
    }

    /** The host's result entry; a log that fails now fails the host (its messages were acted on). */
    static void auditResult(AuditLog audit, Clock clock, AuditLog.Run run, HostAct act, ActionCallbacks callbacks) {
        if (act.selected.size() == 0 && act.early.size() == 0) {
            return;
        }
        try {
            audit.result(run, clock.instant(), act.host, act.adapter.mta().label(), ActionReport.messages(act), act.error());
        } catch (QctlException e) {
            callbacks.warn(e.getMessage());
            act.fail(e.getMessage(), ExitCode.ERROR);
        }
    }

    /**
     * Changes one message's envelope (Exim), through the same checks and audit as the actions: the
     * ID is valid and in the queue, the intent is logged before, the result after. Returns the
     * commands it ran (in a dry run: would run).
     */
    public List<Command> edit(String host, MtaAdapter adapter, String id, MessageEdit edit, boolean dryRun,
                              ActionCallbacks callbacks) {
        adapter.idGrammar().require(id);
        List<Command> commands = adapter.editCommands(id, edit);
        boolean present;
        try (Stream<QueuedMessage> found = adapter.lookup(List.of(id), callbacks::warn)) {
            present = found.anyMatch(m -> m.id().equals(id));
        }
        if (!present) {
            throw new QctlException(ExitCode.NOT_FOUND, "no message " + id + " in the " + adapter.mta().displayName() + " queue");
        }
        if (dryRun) {
            return commands;
        }
        audit.check();
        AuditLog.Run run = new AuditLog.Run(AuditLog.newRunId(clock.instant()), "edit", "ids", "");
        audit.intent(run, clock.instant(), host, adapter.mta().label(), List.of(id));
        HostAct act = new HostAct(host, 0);
        act.adapter = adapter;
        int i = act.selected.add(id);
        try {
            adapter.edit(id, edit);
            act.settle(i, Result.OK, "");
        } catch (RuntimeException e) {
            act.fail(ExitCode.messageOf(e), ExitCode.of(e));
            act.settle(i, Result.FAILED, ExitCode.messageOf(e));
            auditResult(run, act, callbacks);
            throw e;
        }
        auditResult(run, act, callbacks);
        return commands;
    }
}
