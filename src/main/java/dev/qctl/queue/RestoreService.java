package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.QuarantinedMessage;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.RecipientStatus;
import dev.qctl.model.Sizes;
import dev.qctl.mta.QuarantineSettings;
import dev.qctl.mta.QuarantineStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The restore use case: what {@code delete --quarantine} kept goes back into the queue, with the
 * same confirmation, dry run and audit log as the actions. On each host: the retention is enforced,
 * the quarantine is listed and the selection made (for an ID kept by several runs, the newest);
 * confirm; audit intent; put back run by run, in batches; audit result. Messages whose recipients
 * were all delivered have nothing to restore.
 */
public final class RestoreService {
    private final AuditLog audit;
    private final Clock clock;

    public RestoreService(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** One host's part: the act's tables and the kept messages selected, by ID. */
    private static final class HostRestore {
        HostAct act;
        QuarantineStore store;
        final Map<String, QuarantinedMessage> chosen = new LinkedHashMap<>();
    }

    public ActionReport run(RestoreRequest request, ActionHosts hosts, QuarantineSettings settings, ActionCallbacks callbacks) {
        if (request.isUnbounded()) {
            throw new IllegalArgumentException("refusing to restore the whole quarantine: give queue IDs, --run RUN_ID, "
                    + "a filter (e.g. --from), or --all");
        }
        Selection selection = request.selection();
        if (!request.dryRun()) {
            audit.check();
        }
        boolean several = hosts.size() > 1;
        Instant now = clock.instant();
        List<HostRestore> parts = new ArrayList<>();
        List<HostAct> acts = new ArrayList<>();
        List<HostResult<HostRestore>> resolved = hosts.run((host, adapter, index) -> {
            HostRestore part = new HostRestore();
            part.act = new HostAct(host, index);
            part.act.adapter = adapter;
            part.store = adapter.quarantine(settings);
            resolve(part, request, settings, several, now, callbacks);
            return part;
        }, r -> {
            if (!r.ok()) {
                callbacks.hostFailed(r);
            }
        });
        for (int i = 0; i < resolved.size(); i++) {
            HostResult<HostRestore> r = resolved.get(i);
            HostRestore part = r.ok() ? r.value() : new HostRestore();
            if (!r.ok()) {
                part.act = new HostAct(r.host(), i);
                part.act.unresolved = true;
                part.act.fail(r.error(), r.code());
            }
            parts.add(part);
            acts.add(part.act);
        }
        ActionReport report = new ActionReport(Action.RESTORE, request.dryRun(), several, acts);
        int total = acts.stream().mapToInt(a -> a.selected.size()).sum();
        if (request.dryRun() || total == 0) {
            return report;
        }
        if (!callbacks.confirm(ActionService.preview(Action.RESTORE, acts, total))) {
            return report.declined();
        }
        AuditLog.Run run = new AuditLog.Run(AuditLog.newRunId(now), Action.RESTORE.label(), request.kind(),
                (request.run() == null ? "" : "--run " + request.run() + " ") + request.filterText());
        report.runId(run.id());
        try (Progress progress = callbacks.progress()) {
            progress.total(total);
            List<HostResult<Object>> done = hosts.run((host, adapter, index) -> {
                HostRestore part = parts.get(index);
                if (!part.act.unresolved) {
                    part.act.progress(progress);
                    execute(part, run);
                }
                return null;
            }, r -> {
                if (!r.ok()) {
                    callbacks.hostFailed(r);
                }
            });
            for (int i = 0; i < done.size(); i++) {
                if (!done.get(i).ok()) {
                    acts.get(i).fail(done.get(i).error(), done.get(i).code());
                }
            }
            for (HostRestore part : parts) {
                if (!part.act.unresolved) {
                    settle(part.act);
                    auditResult(run, part.act, callbacks);
                }
            }
        }
        return report;
    }

    private static void resolve(HostRestore part, RestoreRequest request, QuarantineSettings settings, boolean several,
                                Instant now, ActionCallbacks callbacks) {
        HostAct act = part.act;
        Selection selection = request.selection();
        MessageTable asked = selection.idTable();
        for (int i = 0; i < asked.size(); i++) {
            if (!act.adapter.idGrammar().isValid(asked.id(i)) && !several) {
                act.adapter.idGrammar().require(asked.id(i));
            }
        }
        for (QuarantineStore.PurgedRun p : part.store.purge(settings.retention())) {
            callbacks.warn(act.host + ": quarantine run " + p.run() + " purged (" + Sizes.human(p.bytes()) + ", " + p.why() + ")");
        }
        try (Stream<QuarantinedMessage> kept = part.store.list(callbacks::warn)) {
            kept.forEach(q -> {
                String id = q.message().id();
                if ((request.run() != null && !request.run().equals(q.run()))
                        || (selection.byIds() && !asked.contains(id))
                        || !selection.filter().matches(q.message(), now)) {
                    return;
                }
                part.chosen.remove(id); // the runs come oldest first: the newest copy of an ID wins
                part.chosen.put(id, q);
            });
        }
        for (int i = 0; i < asked.size(); i++) {
            String id = asked.id(i);
            if (act.adapter.idGrammar().isValid(id) && !part.chosen.containsKey(id)) {
                act.early.setOutcome(act.early.add(id), Result.NOT_FOUND, "not in the quarantine"
                        + (request.run() == null ? "" : " of run " + request.run()) + " (or outside the filter)");
            }
        }
        for (QuarantinedMessage q : List.copyOf(part.chosen.values())) {
            QueuedMessage m = q.message();
            if (m.recipients().stream().allMatch(r -> r.status() == RecipientStatus.DELIVERED)) {
                act.early.setOutcome(act.early.add(m.id()), Result.SKIPPED, "every recipient was delivered: nothing to restore");
                part.chosen.remove(m.id());
                continue;
            }
            act.selected.add(m.id(), m);
            if (act.sample.size() < ActionPreview.SAMPLE_SIZE) {
                act.sample.add(m);
            }
            if (request.dryRun()) {
                callbacks.selected(act.index, m);
            }
        }
    }

    /** Intent, then the messages put back run by run. A failure is kept on the host, never thrown. */
    private void execute(HostRestore part, AuditLog.Run run) {
        HostAct act = part.act;
        if (act.selected.size() == 0) {
            return;
        }
        try {
            audit.intent(run, clock.instant(), act.host, act.adapter.mta().label(), act.selected.ids());
        } catch (QctlException e) {
            act.fail(e.getMessage(), e.exitCode());
            return;
        }
        Map<String, List<QueuedMessage>> byRun = new LinkedHashMap<>();
        part.chosen.values().forEach(q -> byRun.computeIfAbsent(q.run(), r -> new ArrayList<>()).add(q.message()));
        try {
            for (Map.Entry<String, List<QueuedMessage>> e : byRun.entrySet()) {
                part.store.restore(e.getKey(), e.getValue(), act);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            act.fail(ExitCode.messageOf(e), ExitCode.of(e));
        }
    }

    private static void settle(HostAct act) {
        String why = act.error() == null ? "the quarantine said nothing about it" : act.error();
        for (int i = 0; i < act.selected.size(); i++) {
            if (act.selected.state(i) < 0) { // pending or in flight: no outcome yet
                act.settle(i, act.error() == null ? Result.UNKNOWN : Result.NOT_ATTEMPTED, "not restored: " + why);
            }
        }
    }

    private void auditResult(AuditLog.Run run, HostAct act, ActionCallbacks callbacks) {
        ActionService.auditResult(audit, clock, run, act, callbacks);
    }
}
