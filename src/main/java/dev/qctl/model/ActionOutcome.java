package dev.qctl.model;

import java.util.Locale;

/**
 * What happened to one message: {@code ok}; {@code not-found} (not in the queue, or gone before
 * the action); {@code skipped} (not acted on, with the reason); {@code failed} (the MTA's words);
 * {@code not-attempted} (the action stopped before it reached this message); {@code unknown} (the
 * MTA may or may not have acted: the connection or the command died while it had the message).
 */
public record ActionOutcome(String id, Result result, String detail) {
    public enum Result {
        OK, NOT_FOUND, SKIPPED, FAILED, NOT_ATTEMPTED, UNKNOWN;

        private static final Result[] ALL = values();

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The result with this {@link #ordinal()}, for compact tables. */
        public static Result of(int ordinal) {
            return ALL[ordinal];
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
