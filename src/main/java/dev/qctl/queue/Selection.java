package dev.qctl.queue;

import java.util.List;
import java.util.Set;

/**
 * Which messages an action is for: explicit IDs (from the command line or stdin), a filter, or
 * both (the IDs that match the filter). {@code all} is the explicit "whole queue" an action with
 * neither needs.
 */
public record Selection(List<String> ids, MessageFilter filter, boolean all) {
    public Selection {
        ids = List.copyOf(ids);
    }

    public boolean byIds() {
        return !ids.isEmpty();
    }

    /** True when the selection names nothing and is not an explicit --all: such an action is refused. */
    public boolean isUnbounded() {
        return ids.isEmpty() && filter.isEmpty() && !all;
    }

    /** True when the messages were chosen by a rule rather than named one by one. */
    public boolean byRule() {
        return ids.isEmpty() || !filter.isEmpty();
    }

    /** How the messages were chosen, as the audit log records it: all, ids, ids+filter or filter. */
    public String kind() {
        return all ? "all" : byIds() ? (filter.isEmpty() ? "ids" : "ids+filter") : "filter";
    }

    public Set<String> idSet() {
        return Set.copyOf(ids);
    }
}
