package dev.qctl.tui;

import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of the queue browser, apart from any drawing: every message loaded, the stacked
 * filters (plus the one being typed), the sort, the rows that result, the cursor and the first row
 * shown, the marks (by host and ID, so they survive refreshes and re-sorting) and what the status
 * bar says. Only the UI thread touches it.
 */
public final class QueueView {
    /** The columns {@code s} cycles through (HOST only when there are several hosts). */
    private static final List<Column> SORTABLE = List.of(Column.AGE, Column.SIZE, Column.SENDER, Column.RECIPIENT,
            Column.SUBJECT, Column.REASON, Column.QUEUE, Column.ID, Column.HOST);

    private final Clock clock;
    private List<QueuedMessage> all = List.of();
    private final List<FilterQuery> filters = new ArrayList<>();
    private FilterQuery preview;
    private Column sortColumn = Column.AGE;
    private boolean reverse;
    private List<QueuedMessage> rows = List.of();
    private Map<MessageKey, Integer> rowIndex = Map.of();
    private int cursor;
    private int top;
    private int pageHeight = 1;
    private final Set<MessageKey> marks = new LinkedHashSet<>();
    private boolean loading;
    private Instant lastRefresh;
    private boolean paused;
    private boolean subjects;
    private String message = "";
    /** The hosts of the run, in the order given: each gets a count, even with an empty queue. */
    private List<String> hostNames = List.of();
    /** Hosts whose queue could not be read, with why: the status bar names them. */
    private Map<String, String> failedHosts = Map.of();
    /** The loaded messages come from more than one host (kept, as the screen asks at every redraw). */
    private boolean mixedHosts;

    public QueueView(Clock clock) {
        this.clock = clock;
    }

    // ---- the data ----

    /**
     * Replaces the messages: a partial list while the first load streams in ({@code complete}
     * false), the whole queue after each refresh. The cursor stays on the same message; marks on
     * messages that left the queue are dropped once the list is complete.
     */
    public void setMessages(List<QueuedMessage> messages, boolean complete) {
        setMessages(messages, complete, Map.of());
    }

    /**
     * As {@link #setMessages(List, boolean)}, after a load in which the queues of {@code failed}
     * (host → why) could not be read: their marks are kept, their messages may well still be there.
     */
    public void setMessages(List<QueuedMessage> messages, boolean complete, Map<String, String> failed) {
        MessageKey current = currentKey();
        all = List.copyOf(messages);
        String first = all.isEmpty() ? null : all.get(0).host();
        mixedHosts = all.stream().anyMatch(m -> !m.host().equals(first));
        loading = !complete;
        if (complete) {
            lastRefresh = clock.instant();
            failedHosts = Map.copyOf(failed);
            Set<MessageKey> present = new HashSet<>();
            all.forEach(m -> present.add(MessageKey.of(m)));
            marks.removeIf(k -> !present.contains(k) && !failedHosts.containsKey(k.host()));
        }
        recompute(current);
    }

    /** The hosts of the run, in order (before the first load, so the HOST column shows from the start). */
    public void setHosts(List<String> names) {
        hostNames = List.copyOf(names);
    }

    /** Hosts whose queue the last load could not read, with why. */
    public Map<String, String> failedHosts() {
        return failedHosts;
    }

    public List<QueuedMessage> all() {
        return all;
    }

    public boolean loading() {
        return loading;
    }

    public Instant lastRefresh() {
        return lastRefresh;
    }

    /** Whether rows come from more than one host: then the HOST column, its sort and per-host counts show. */
    public boolean severalHosts() {
        return hostNames.size() > 1 || mixedHosts;
    }

    // ---- filters and sort ----

    /** Shows the effect of a filter as it is typed (null: none); {@link #keepPreview} keeps it. */
    public void preview(FilterQuery query) {
        MessageKey current = currentKey();
        preview = query == null || query.isEmpty() ? null : query;
        recompute(current);
    }

    /** Enter at the prompt: the previewed filter joins the stack. */
    public void keepPreview() {
        if (preview != null) {
            filters.add(preview);
            preview = null;
        }
    }

    public void pushFilter(FilterQuery query) {
        MessageKey current = currentKey();
        if (!query.isEmpty()) {
            filters.add(query);
        }
        recompute(current);
    }

    /** Removes the last filter of the stack; false when there was none. */
    public boolean popFilter() {
        if (filters.isEmpty()) {
            return false;
        }
        MessageKey current = currentKey();
        filters.remove(filters.size() - 1);
        recompute(current);
        return true;
    }

    public void clearFilters() {
        MessageKey current = currentKey();
        filters.clear();
        preview = null;
        recompute(current);
    }

    public List<FilterQuery> filters() {
        return Collections.unmodifiableList(filters);
    }

    /** The filters in effect as the status bar shows them: "from:*@x.example & age>2h". */
    public String filterDescription() {
        List<String> parts = new ArrayList<>();
        filters.forEach(f -> parts.add(f.text()));
        if (preview != null) {
            parts.add(preview.text());
        }
        return String.join(" & ", parts);
    }

    public void cycleSort() {
        int i = SORTABLE.indexOf(sortColumn);
        Column next;
        do {
            i = (i + 1) % SORTABLE.size();
            next = SORTABLE.get(i);
        } while ((next == Column.HOST && !severalHosts()) || (next == Column.SUBJECT && !subjects));
        sortBy(next, false);
    }

    public void reverseSort() {
        sortBy(sortColumn, !reverse);
    }

    public void sortBy(Column column, boolean reversed) {
        MessageKey current = currentKey();
        sortColumn = column;
        reverse = reversed;
        recompute(current);
    }

    public Column sortColumn() {
        return sortColumn;
    }

    public boolean sortReversed() {
        return reverse;
    }

    private void recompute(MessageKey keepOn) {
        Instant now = clock.instant();
        List<FilterQuery> active = new ArrayList<>(filters);
        if (preview != null) {
            active.add(preview);
        }
        List<QueuedMessage> selected = new ArrayList<>();
        for (QueuedMessage m : all) {
            boolean ok = true;
            for (FilterQuery f : active) {
                if (!f.matches(m, now)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                selected.add(m);
            }
        }
        selected.sort(sortColumn.comparator(reverse));
        rows = Collections.unmodifiableList(selected);
        Map<MessageKey, Integer> index = new HashMap<>(selected.size() * 2);
        for (int i = 0; i < selected.size(); i++) {
            index.put(MessageKey.of(selected.get(i)), i);
        }
        rowIndex = index;
        Integer at = keepOn == null ? null : rowIndex.get(keepOn);
        cursor = at != null ? at : cursor;
        clamp();
    }

    // ---- rows, cursor and scrolling ----

    public List<QueuedMessage> rows() {
        return rows;
    }

    public int cursor() {
        return cursor;
    }

    public int top() {
        return top;
    }

    /** The rows the screen shows: at most one page from {@link #top()}. */
    public List<QueuedMessage> visibleRows() {
        return rows.subList(top, Math.min(rows.size(), top + pageHeight));
    }

    public QueuedMessage current() {
        return rows.isEmpty() ? null : rows.get(cursor);
    }

    private MessageKey currentKey() {
        QueuedMessage c = current();
        return c == null ? null : MessageKey.of(c);
    }

    /** How many list rows fit on the screen (after a resize). */
    public void setPageHeight(int height) {
        pageHeight = Math.max(1, height);
        clamp();
    }

    public int pageHeight() {
        return pageHeight;
    }

    public void moveBy(int delta) {
        cursor = (int) Math.max(0, Math.min((long) rows.size() - 1, (long) cursor + delta));
        clamp();
    }

    public void pageDown() {
        moveBy(pageHeight);
    }

    public void pageUp() {
        moveBy(-pageHeight);
    }

    public void home() {
        cursor = 0;
        clamp();
    }

    public void end() {
        cursor = Math.max(0, rows.size() - 1);
        clamp();
    }

    private void clamp() {
        if (rows.isEmpty()) {
            cursor = 0;
            top = 0;
            return;
        }
        cursor = Math.max(0, Math.min(cursor, rows.size() - 1));
        if (cursor < top) {
            top = cursor;
        } else if (cursor >= top + pageHeight) {
            top = cursor - pageHeight + 1;
        }
        top = Math.max(0, Math.min(top, Math.max(0, rows.size() - pageHeight)));
    }

    // ---- marks ----

    /** Space: marks or unmarks the current message and moves to the next one. */
    public void toggleMark() {
        QueuedMessage c = current();
        if (c == null) {
            return;
        }
        MessageKey key = MessageKey.of(c);
        if (!marks.remove(key)) {
            marks.add(key);
        }
        moveBy(1);
    }

    /** {@code *}: marks every message the filters let through. */
    public void markAllShown() {
        rows.forEach(m -> marks.add(MessageKey.of(m)));
    }

    public void clearMarks() {
        marks.clear();
    }

    public boolean isMarked(QueuedMessage m) {
        return marks.contains(MessageKey.of(m));
    }

    public Set<MessageKey> marks() {
        return Collections.unmodifiableSet(marks);
    }

    /** What an action applies to: the marked messages, or else the current one. */
    public List<QueuedMessage> targets() {
        if (marks.isEmpty()) {
            QueuedMessage c = current();
            return c == null ? List.of() : List.of(c);
        }
        List<QueuedMessage> marked = new ArrayList<>(marks.size());
        for (QueuedMessage m : all) {
            if (marks.contains(MessageKey.of(m))) {
                marked.add(m);
            }
        }
        return marked;
    }

    // ---- status ----

    /** Messages per queue over everything loaded (not only the filtered rows), in queue order. */
    public Map<QueueName, Integer> queueCounts() {
        Map<QueueName, Integer> counts = new EnumMap<>(QueueName.class);
        all.forEach(m -> counts.merge(m.queue(), 1, Integer::sum));
        return counts;
    }

    /** Messages per host over everything loaded: the hosts of the run in their order (0 for an empty queue), then any other. */
    public Map<String, Integer> hostCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        hostNames.forEach(h -> counts.put(h, 0));
        Map<String, Integer> others = new TreeMap<>();
        all.forEach(m -> (counts.containsKey(m.host()) ? counts : others).merge(m.host(), 1, Integer::sum));
        counts.putAll(others);
        return counts;
    }

    /** Whether the SUBJECT column shows ({@code t} toggles it). */
    public boolean showSubjects() {
        return subjects;
    }

    public void toggleSubjects() {
        subjects = !subjects;
        if (!subjects && sortColumn == Column.SUBJECT) {
            sortBy(Column.AGE, false);
        }
    }

    /**
     * The optional fields the rows need: those of the filters in effect (and the one being typed),
     * and the subject while its column shows. The browser reads the queue with them.
     */
    public dev.qctl.model.OptionalFields neededFields() {
        dev.qctl.model.OptionalFields needed = subjects
                ? dev.qctl.model.OptionalFields.of(dev.qctl.model.OptionalField.SUBJECT)
                : dev.qctl.model.OptionalFields.none();
        for (FilterQuery f : filters) {
            needed = needed.plus(f.neededFields());
        }
        return preview == null ? needed : needed.plus(preview.neededFields());
    }

    public boolean paused() {
        return paused;
    }

    public void togglePaused() {
        paused = !paused;
    }

    /** The last result or error, shown in the status bar until the next one. */
    public String message() {
        return message;
    }

    public void setMessage(String text) {
        message = text == null ? "" : text;
    }
}
