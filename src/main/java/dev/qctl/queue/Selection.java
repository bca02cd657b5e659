package dev.qctl.queue;

import java.util.List;

/**
 * Which messages an action is for: explicit IDs (from the command line or stdin, kept compact and
 * without repeats), a filter, or both (the IDs that match the filter). {@code all} is the explicit
 * "whole queue" an action with neither needs.
 */
public record Selection(MessageTable idTable, MessageFilter filter, boolean all) {

    public Selection(List<String> ids, MessageFilter filter, boolean all) {
        this(tableOf(ids), filter, all);
    }

    private static MessageTable tableOf(List<String> ids) {
        MessageTable table = new MessageTable();
        ids.forEach(table::add);
        return table;
    }

    /** The IDs asked for, in the order given, each once. */
    public List<String> ids() {
        return idTable.ids();
    }

    public boolean byIds() {
        return idTable.size() > 0;
    }

    /** True when the selection names nothing and is not an explicit --all: such an action is refused. */
    public boolean isUnbounded() {
        return !byIds() && filter.isEmpty() && !all;
    }

    /** True when the messages were chosen by a rule rather than named one by one. */
    public boolean byRule() {
        return !byIds() || !filter.isEmpty();
    }

    /** How the messages were chosen, as the audit log records it: all, ids, ids+filter or filter. */
    public String kind() {
        return all ? "all" : byIds() ? (filter.isEmpty() ? "ids" : "ids+filter") : "filter";
    }
}
