package dev.qctl.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * Patterns of the queue as a whole that point at a cause no single reason shows: bounces piling up
 * (backscatter), one sender filling the queue, messages about to reach the bounce deadline.
 */
final class Signals {
    /** Bounces are a signal from this many on, when they are at least {@link #BOUNCE_SHARE_PERCENT} of the queue. */
    static final long MIN_BOUNCES = 10;
    static final long BOUNCE_SHARE_PERCENT = 20;
    /** One sender is a signal with at least this many messages and at least half of the queue. */
    static final long MIN_SENDER_MESSAGES = 10;
    static final long SENDER_SHARE_PERCENT = 50;
    /** One account, client or subject is a signal with at least this many messages and this share of the queue. */
    static final long MIN_ORIGIN_MESSAGES = 10;
    static final long ORIGIN_SHARE_PERCENT = 30;

    private final Advice advice;

    Signals(Advice advice) {
        this.advice = advice;
    }

    List<Signal> find(long messages, long bounces, TopCounter senders, Report.Deadline deadline) {
        return find(messages, bounces, senders, deadline, List.of());
    }

    /** @param origins the tallies by SASL account, client and subject (empty when the origin was not read) */
    List<Signal> find(long messages, long bounces, TopCounter senders, Report.Deadline deadline,
                      List<OriginTally.Result> origins) {
        List<Signal> found = new ArrayList<>();
        for (OriginTally.Result tally : origins) {
            for (OriginTally.Row top : tally.rows()) {
                long sure = top.guaranteed();
                if (!anonymous(tally.by(), top.key()) && sure >= MIN_ORIGIN_MESSAGES
                        && sure * 100 >= ORIGIN_SHARE_PERCENT * messages) {
                    found.add(new Signal(signalName(tally.by()), sure, text(tally.by(), top.key()),
                            advice.dominantOrigin(tally.by(), top.key(), sure, messages)));
                }
            }
        }
        if (bounces >= MIN_BOUNCES && bounces * 100 >= BOUNCE_SHARE_PERCENT * messages) {
            found.add(new Signal("backscatter", bounces, "bounces are piling up", advice.backscatter(bounces, messages)));
        }
        for (TopCounter.Entry top : senders.top(1)) {
            long sure = top.guaranteed();
            if (sure >= MIN_SENDER_MESSAGES && sure * 100 >= SENDER_SHARE_PERCENT * messages) {
                found.add(new Signal("dominant-sender", sure, "one sender fills the queue",
                        advice.dominantSender(top.key(), sure, messages)));
            }
        }
        if (deadline != null && deadline.near() > 0) {
            found.add(new Signal("near-deadline", deadline.near(), "messages close to the bounce deadline",
                    advice.nearDeadline(deadline.near(), deadline)));
        }
        return found;
    }

    /** The keys that name nobody: no AUTH, no client recorded, no subject. */
    private static boolean anonymous(OriginTally.By by, String key) {
        return key.equals(OriginTally.NONE) || key.equals("(unknown)") || key.equals("(no subject)")
                || (by == OriginTally.By.CLIENT && key.equals("local"));
    }

    static String signalName(OriginTally.By by) {
        return switch (by) {
            case SASL_USER -> "dominant-account";
            case CLIENT -> "dominant-client";
            case SENDER -> "dominant-sender";
            case SUBJECT -> "dominant-subject";
        };
    }

    private static String text(OriginTally.By by, String key) {
        return switch (by) {
            case SASL_USER -> "one SMTP AUTH account fills the queue: " + key;
            case CLIENT -> "one client fills the queue: " + key;
            case SENDER -> "one sender fills the queue: " + key;
            case SUBJECT -> "one subject fills the queue: " + key;
        };
    }
}
