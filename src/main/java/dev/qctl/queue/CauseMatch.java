package dev.qctl.queue;

import java.util.function.Predicate;

/**
 * A filter on the cause of delay that {@code qctl diagnose} gives a recipient's reason.
 *
 * @param name     the cause, as diagnose names it ({@code blocklisted})
 * @param reasonIs whether a delay reason has that cause (diagnose's rule table, config rules included;
 *                 passed in, so queue/ does not depend on it)
 */
public record CauseMatch(String name, Predicate<String> reasonIs) {
}
