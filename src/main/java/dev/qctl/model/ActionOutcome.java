package dev.qctl.model;

import java.util.Locale;

/**
 * What happened to one message: {@code ok}, {@code not-found} (not in the queue, or gone before
 * the action), {@code skipped} (not acted on, with the reason) or {@code failed} (the MTA's words).
 */
public record ActionOutcome(String id, Result result, String detail) {
    public enum Result {
        OK, NOT_FOUND, SKIPPED, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static ActionOutcome ok(String id) {
        return new ActionOutcome(id, Result.OK, "");
    }

    public static ActionOutcome notFound(String id) {
        return new ActionOutcome(id, Result.NOT_FOUND, "not in the queue");
    }

    public boolean isOk() {
        return result == Result.OK;
    }
}
