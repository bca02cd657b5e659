package dev.qctl.diagnose;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import dev.qctl.mta.QueueLifetime;
import dev.qctl.queue.ReasonGroups;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a stream of queued messages once and builds the {@link Report}: every deferred recipient is
 * classified by its reason, and counted per cause with its domain; the queue as a whole feeds the
 * signals. Memory is bounded: per cause only counters and the top domains and reason kinds are kept.
 */
public final class Diagnosis {
    static final int TRACKED_DOMAINS = 256;
    private static final int TRACKED_REASONS = 32;
    private static final int TRACKED_SENDERS = 256;

    private final RuleTable rules;
    private final Advice advice;
    private final Instant now;
    private final QueueLifetime lifetime;
    private final Duration window;
    private final Map<Cause, Tally> tallies = new HashMap<>();
    private final TopCounter senders = new TopCounter(TRACKED_SENDERS);
    private final ReasonGroups.Cache reasonKinds = new ReasonGroups.Cache();
    /** Filled only from records that carry their origin (and subject): see {@link #NEEDED}. */
    private final List<OriginTally> origins = List.of(new OriginTally(OriginTally.By.SASL_USER, TRACKED_SENDERS),
            new OriginTally(OriginTally.By.CLIENT, TRACKED_SENDERS), new OriginTally(OriginTally.By.SUBJECT, TRACKED_SENDERS));
    private boolean originsSeen;

    /** What the listing should fetch for the account, client and subject signals. */
    public static final dev.qctl.model.OptionalFields NEEDED = dev.qctl.model.OptionalFields.of(
            dev.qctl.model.OptionalField.ORIGIN, dev.qctl.model.OptionalField.SUBJECT);
    private long messages;
    private long deferredMessages;
    private long deferredRecipients;
    private long untriedRecipients;
    private long bounces;
    private Duration oldest;
    private long nearDeadline;

    /** @param lifetime the MTA's bounce deadline, or null when unknown (then no deadline signal) */
    public Diagnosis(RuleTable rules, Advice advice, Instant now, QueueLifetime lifetime) {
        this.rules = rules;
        this.advice = advice;
        this.now = now;
        // a lifetime of 0 (Postfix: return after the first failure) has no "close to it"
        this.lifetime = lifetime == null || lifetime.messages().isZero() ? null : lifetime;
        this.window = this.lifetime == null ? null : window(this.lifetime);
    }

    public synchronized void add(QueuedMessage m) {
        messages++;
        Duration age = m.age(now);
        if (oldest == null || age.compareTo(oldest) > 0) {
            oldest = age;
        }
        if (m.origin() != null && m.subject() != null) {
            originsSeen = true;
            origins.forEach(t -> t.add(m));
        }
        if (m.isBounce()) {
            bounces++;
        } else {
            senders.add(m.sender().toLowerCase(java.util.Locale.ROOT));
        }
        if (lifetime != null && age.compareTo(lifetime.forMessage(m.isBounce()).minus(window)) >= 0) {
            nearDeadline++;
        }
        Set<Cause> causesOfMessage = new LinkedHashSet<>();
        for (Recipient r : m.recipients()) {
            if (r.status() == RecipientStatus.DELIVERED) {
                continue;
            }
            if (r.reason() == null || r.reason().isBlank()) {
                untriedRecipients++;
                continue;
            }
            deferredRecipients++;
            Classification c = rules.classify(r.reason());
            tallies.computeIfAbsent(c.cause(), k -> new Tally()).add(r, c.rule(), age);
            causesOfMessage.add(c.cause());
        }
        if (!causesOfMessage.isEmpty()) {
            deferredMessages++;
            causesOfMessage.forEach(cause -> tallies.get(cause).messages++);
        }
    }

    /** How close to its deadline a message counts as near: a fifth of the lifetime, a day at most. */
    private static Duration window(QueueLifetime lifetime) {
        Duration fifth = lifetime.messages().dividedBy(5);
        return fifth.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : fifth;
    }

    /** @param top how many domains to list per cause */
    public synchronized Report report(int top) {
        List<Report.CauseReport> causes = new ArrayList<>();
        tallies.forEach((cause, t) -> causes.add(t.report(cause, top)));
        causes.sort(Comparator.comparingLong(Report.CauseReport::recipients).reversed()
                .thenComparing(c -> order(c.cause())));
        Report.Deadline deadline = lifetime == null ? null : new Report.Deadline(lifetime, oldest, nearDeadline, window);
        List<OriginTally.Result> tallies = originsSeen ? origins.stream().map(t -> t.result(1)).toList() : List.of();
        List<Signal> signals = new Signals(advice).find(messages, bounces, senders, deadline, tallies);
        return new Report(messages, deferredMessages, deferredRecipients, untriedRecipients, causes, signals, deadline);
    }

    private static String order(Cause cause) {
        int i = Cause.BUILT_IN.indexOf(cause);
        return i >= 0 ? String.format("%02d", i) : "99" + cause.name();
    }

    /** The counters of one cause. */
    private final class Tally {
        long messages;
        long recipients;
        Duration oldest = Duration.ZERO;
        final TopCounter domains = new TopCounter(TRACKED_DOMAINS);
        final TopCounter kinds = new TopCounter(TRACKED_REASONS);
        final Map<String, String> examples = new HashMap<>();
        final Map<String, Long> byRule = new TreeMap<>();

        void add(Recipient r, String rule, Duration age) {
            recipients++;
            if (age.compareTo(oldest) > 0) {
                oldest = age;
            }
            domains.add(r.domain().isEmpty() ? "(none)" : r.domain());
            String kind = reasonKinds.key(r.reason());
            kinds.add(kind);
            examples.putIfAbsent(kind, r.reason());
            if (examples.size() > 4 * TRACKED_REASONS) {
                Set<String> tracked = new LinkedHashSet<>();
                kinds.top(TRACKED_REASONS).forEach(e -> tracked.add(e.key()));
                examples.keySet().retainAll(tracked);
            }
            byRule.merge(rule, 1L, Long::sum);
        }

        Report.CauseReport report(Cause cause, int top) {
            List<Report.DomainCount> topDomains = domains.top(top).stream()
                    .map(e -> new Report.DomainCount(e.key(), e.count())).toList();
            String example = kinds.top(1).stream().map(e -> examples.get(e.key())).filter(x -> x != null)
                    .findFirst().orElse("");
            String firstDomain = topDomains.isEmpty() ? null : topDomains.get(0).domain();
            return new Report.CauseReport(cause, messages, recipients, topDomains, domains.exact(), oldest, example,
                    new LinkedHashMap<>(byRule), advice.forCause(cause, firstDomain));
        }
    }
}
