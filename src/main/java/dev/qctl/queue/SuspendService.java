package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import dev.qctl.model.Suspension;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.SuspendHelper;
import dev.qctl.mta.SuspensionMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Suspending delivery to destination domains, resuming it, and listing what is suspended, on every
 * host of a run: each host's MTA map is read, changed and written back through the host's suspend
 * helper (which refuses a map changed meanwhile: then it is read again), with an audit entry before
 * and after, as for the actions.
 */
public final class SuspendService {
    private static final int ATTEMPTS = 3;

    private final AuditLog audit;
    private final Clock clock;
    private final String user;

    public SuspendService(AuditLog audit, Clock clock, String user) {
        this.audit = audit;
        this.clock = clock;
        this.user = user;
    }

    /** One domain asked for on one host, and what it was before. */
    public record Change(String domain, Suspension before, Suspension after) {
    }

    /** A suspension as listed: the messages and recipients waiting for it, and whether it is past its time. */
    public record Listed(Suspension suspension, long messages, long recipients, boolean overdue) {
    }

    /** One host's suspensions. */
    public record HostSuspensions(String mta, List<Listed> entries) {
    }

    public List<HostResult<List<Change>>> suspend(Fleet fleet, List<String> domains, Duration duration, String reason,
                                                  Consumer<HostResult<List<Change>>> each) {
        List<String> wanted = normalized(domains);
        String why = Suspension.reason(reason);
        Instant now = clock.instant();
        Instant until = duration == null ? null : now.plus(duration);
        audit.check();
        AuditLog.Run run = new AuditLog.Run(AuditLog.newRunId(now), "suspend", "domains", "");
        return fleet.run((host, index) -> change(host, run, wanted, until, why, entries -> {
            List<Change> changes = new ArrayList<>();
            for (String d : wanted) {
                Suspension before = entries.get(d);
                Suspension after = new Suspension(d, before != null && before.since() != null ? before.since() : now,
                        until, why, user);
                entries.put(d, after);
                changes.add(new Change(d, before, after));
            }
            return changes;
        }), each);
    }

    public List<HostResult<List<Change>>> resume(Fleet fleet, List<String> domains, Consumer<HostResult<List<Change>>> each) {
        List<String> wanted = normalized(domains);
        audit.check();
        AuditLog.Run run = new AuditLog.Run(AuditLog.newRunId(clock.instant()), "resume", "domains", "");
        return fleet.run((host, index) -> change(host, run, wanted, null, null, entries -> {
            List<Change> changes = new ArrayList<>();
            for (String d : wanted) {
                changes.add(new Change(d, entries.remove(d), null));
            }
            return changes;
        }), each);
    }

    private interface Edit {
        List<Change> apply(Map<String, Suspension> entries);
    }

    private List<Change> change(HostTarget host, AuditLog.Run run, List<String> domains, Instant until, String reason, Edit edit) {
        MtaAdapter adapter = host.adapter();
        SuspendHelper helper = adapter.suspendHelper();
        SuspendHelper.Current current = helper.read(); // not set up: says what to run, before the audit entry
        String mta = adapter.mta().label();
        audit.destinations(run, clock.instant(), "intent", host.name(), mta, domains, until, reason, null);
        try {
            for (int attempt = 1; ; attempt++) {
                Map<String, Suspension> entries = new LinkedHashMap<>();
                SuspensionMap.parse(adapter.mta(), current.text()).forEach(s -> entries.put(s.domain(), s));
                List<Change> changes = edit.apply(entries);
                String text = SuspensionMap.render(adapter.mta(), new ArrayList<>(entries.values()));
                if (text.equals(current.text()) || helper.write(current.sum(), text)) {
                    audit.destinations(run, clock.instant(), "result", host.name(), mta, domains, until, reason, null);
                    return changes;
                }
                if (attempt == ATTEMPTS) {
                    throw new QctlException(ExitCode.ERROR, helper.map() + " keeps changing while qctl writes it; try again");
                }
                current = helper.read();
            }
        } catch (RuntimeException e) {
            audit.destinations(run, clock.instant(), "result", host.name(), mta, domains, until, reason, ExitCode.messageOf(e));
            throw e;
        }
    }

    /** Every host's suspensions, with the messages waiting for each domain (one listing of the queue). */
    public List<HostResult<HostSuspensions>> list(Fleet fleet, Consumer<String> warnings,
                                                  Consumer<HostResult<HostSuspensions>> each) {
        Instant now = clock.instant();
        return fleet.run((host, index) -> {
            MtaAdapter adapter = host.adapter();
            List<Suspension> entries = SuspensionMap.parse(adapter.mta(), adapter.suspendHelper().read().text());
            Map<String, long[]> waiting = entries.isEmpty() ? Map.of() : waiting(adapter, entries, warnings);
            List<Listed> listed = new ArrayList<>();
            for (Suspension s : entries) {
                long[] n = waiting.getOrDefault(s.domain(), new long[2]);
                listed.add(new Listed(s, n[0], n[1], s.expired(now)));
            }
            return new HostSuspensions(adapter.mta().label(), listed);
        }, each);
    }

    /** Per suspended domain: messages with a recipient there still to deliver, and those recipients. */
    private static Map<String, long[]> waiting(MtaAdapter adapter, List<Suspension> entries, Consumer<String> warnings) {
        Map<String, long[]> counts = new HashMap<>();
        entries.forEach(s -> counts.put(s.domain(), new long[2]));
        try (Stream<QueuedMessage> all = adapter.list(warnings)) {
            all.forEach(m -> {
                Set<String> seen = new HashSet<>(2);
                for (Recipient r : m.recipients()) {
                    long[] n = r.status() == RecipientStatus.DELIVERED ? null : counts.get(domainOf(r));
                    if (n != null) {
                        n[1]++;
                        if (seen.add(domainOf(r))) {
                            n[0]++;
                        }
                    }
                }
            });
        }
        return counts;
    }

    private static String domainOf(Recipient r) {
        String d = r.domain();
        return d == null ? "" : d.toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> normalized(List<String> domains) {
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("give at least one destination domain, e.g. example.com");
        }
        Set<String> seen = new java.util.LinkedHashSet<>();
        for (String d : domains) {
            seen.add(Suspension.domain(d));
        }
        return List.copyOf(seen);
    }
}
