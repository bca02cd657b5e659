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

    private final Advice advice;

    Signals(Advice advice) {
        this.advice = advice;
    }

    List<Signal> find(long messages, long bounces, TopCounter senders, Report.Deadline deadline) {
        List<Signal> found = new ArrayList<>();
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
}
