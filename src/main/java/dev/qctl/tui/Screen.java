package dev.qctl.tui;

import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Sanitizer;
import dev.qctl.model.Durations;
import dev.qctl.model.Sizes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Turns the view model into the lines of the screen, nothing else: a header, one line per
 * visible row, the status bar and the bottom line (message, prompt or question). Every piece of
 * message data passes through {@link Sanitizer} here, so no control character reaches the terminal.
 */
public final class Screen {
    /** Lines that are not list rows: header, status bar, bottom line. */
    public static final int CHROME = 3;
    private static final String GAP = "  ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ZoneId zone;

    public Screen(ZoneId zone) {
        this.zone = zone;
    }

    /** The list screen; {@code bottom} is the last line (prompt, question or message). */
    public List<AttributedString> list(QueueView view, int width, int height, AttributedString bottom, Instant now) {
        view.setPageHeight(height - CHROME);
        List<QueuedMessage> visible = view.visibleRows();
        Layout layout = Layout.fit(visible, width, view.severalHosts(), view.showSubjects());
        List<AttributedString> lines = new ArrayList<>(height);
        lines.add(new AttributedString(layout.header(view.sortColumn(), view.sortReversed()), AttributedStyle.BOLD));
        for (int i = 0; i < visible.size(); i++) {
            QueuedMessage m = visible.get(i);
            boolean marked = view.isMarked(m);
            AttributedStyle style = AttributedStyle.DEFAULT;
            if (marked) {
                style = style.bold().foreground(AttributedStyle.YELLOW);
            }
            if (view.top() + i == view.cursor()) {
                style = style.inverse();
            }
            lines.add(new AttributedString(pad(layout.row(m, marked, now), width), style));
        }
        if (view.rows().isEmpty()) {
            lines.add(new AttributedString(view.loading() ? "  loading…" : "  no messages"
                    + (view.filterDescription().isEmpty() ? "" : " match the filter"), AttributedStyle.DEFAULT.faint()));
        }
        while (lines.size() < height - 2) {
            lines.add(AttributedString.EMPTY);
        }
        lines.add(new AttributedString(pad(status(view, width), width), AttributedStyle.INVERSE));
        lines.add(truncate(bottom, width));
        return lines.subList(0, Math.min(lines.size(), Math.max(0, height)));
    }

    /** A pager screen (message view or help). */
    public List<AttributedString> pager(Pager pager, int width, int height, String keys) {
        pager.setHeight(height - 2);
        List<AttributedString> lines = new ArrayList<>(height);
        lines.add(new AttributedString(pad(" " + Sanitizer.inline(pager.title()), width), AttributedStyle.INVERSE));
        for (String line : pager.visibleLines()) {
            lines.add(truncate(new AttributedString(line), width));
        }
        while (lines.size() < height - 1) {
            lines.add(AttributedString.EMPTY);
        }
        int last = Math.min(pager.lines().size(), pager.top() + pager.height());
        String position = pager.lines().isEmpty() ? "empty" : (pager.top() + 1) + "-" + last + "/" + pager.lines().size();
        lines.add(new AttributedString(pad(" " + position + "   " + keys, width), AttributedStyle.INVERSE));
        return lines.subList(0, Math.min(lines.size(), Math.max(0, height)));
    }

    String status(QueueView view, int width) {
        StringBuilder sb = new StringBuilder(" ");
        Map<QueueName, Integer> counts = view.queueCounts();
        if (counts.isEmpty()) {
            sb.append("queue empty");
        }
        counts.forEach((q, n) -> sb.append(q.label()).append(' ').append(n).append("  "));
        String head = sb.toString();
        String tail = statusTail(view);
        if (!view.severalHosts()) {
            return head + tail;
        }
        // Per host if it fits, else how many hosts (the ones down still named: they matter most).
        String full = head + "| " + HostCounts.each(view.hostCounts(), view.failedHosts()) + "  " + tail;
        return columns(full) <= width ? full
                : head + "| " + HostCounts.compact(view.hostCounts(), view.failedHosts()) + "  " + tail;
    }

    private String statusTail(QueueView view) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(view.rows().size()).append(" shown");
        String filter = view.filterDescription();
        if (!filter.isEmpty()) {
            sb.append(" | filter: ").append(Sanitizer.inline(filter));
        }
        if (!view.marks().isEmpty()) {
            sb.append(" | ").append(view.marks().size()).append(" marked");
        }
        sb.append(" | sort ").append(view.sortColumn().label()).append(view.sortReversed() ? " rev" : "");
        if (view.loading()) {
            sb.append(" | loading… ").append(view.all().size());
        } else if (view.lastRefresh() != null) {
            sb.append(" | ").append(TIME.format(view.lastRefresh().atZone(zone)));
        }
        if (view.paused()) {
            sb.append(" paused");
        }
        sb.append(" | ? help");
        return sb.toString();
    }

    static String pad(String s, int width) {
        AttributedString a = new AttributedString(s);
        int len = a.columnLength();
        if (len > width) {
            return a.columnSubSequence(0, Math.max(0, width)).toString();
        }
        return s + " ".repeat(width - len);
    }

    static AttributedString truncate(AttributedString s, int width) {
        return s.columnLength() <= width ? s : s.columnSubSequence(0, Math.max(0, width));
    }

    /** Fits a cell: cut with "…" when too long, padded to the width (numbers right-aligned). */
    static String cell(String text, int width, boolean right) {
        if (width <= 0) {
            return "";
        }
        AttributedString a = new AttributedString(text);
        int len = a.columnLength();
        if (len > width) {
            return a.columnSubSequence(0, width - 1) + "…";
        }
        String spaces = " ".repeat(width - len);
        return right ? spaces + text : text + spaces;
    }

    static int columns(String s) {
        return new AttributedString(s).columnLength();
    }

    /** Column widths for the current terminal width and the rows on screen. */
    record Layout(int host, int id, int queue, int age, int size, int sender, int recipient, int subject, int reason) {
        static final int QUEUE = 8;
        static final int AGE = 4;
        static final int SIZE = 5;

        static Layout fit(List<QueuedMessage> rows, int width, boolean hosts) {
            return fit(rows, width, hosts, false);
        }

        /** @param subjects the SUBJECT column is on: it takes its share from the reason's room */
        static Layout fit(List<QueuedMessage> rows, int width, boolean hosts, boolean subjects) {
            int host = 0;
            int subject = 7;
            int id = 2;
            int sender = 6;
            int recipient = 10;
            int reason = 6;
            for (QueuedMessage m : rows) {
                if (hosts) {
                    host = Math.max(host, Math.min(20, columns(Sanitizer.inline(m.host()))));
                }
                id = Math.max(id, Math.min(24, columns(Sanitizer.inline(m.id()))));
                sender = Math.max(sender, Math.min(60, columns(Sanitizer.inline(m.isBounce() ? "<>" : m.sender()))));
                recipient = Math.max(recipient, Math.min(60, columns(Sanitizer.inline(Column.recipients(m)))));
                reason = Math.max(reason, Math.min(200, columns(Sanitizer.inline(reasonOf(m)))));
                if (subjects) {
                    subject = Math.max(subject, Math.min(60, columns(Sanitizer.inline(subjectOf(m)))));
                }
            }
            if (hosts) {
                host = Math.max(host, Column.HOST.title().length() + 1); // room for the sort mark: "HOSTv"
            }
            // mark column (2) + fixed columns + gaps between all columns
            int fixed = 2 + (hosts ? host + GAP.length() : 0) + id + QUEUE + AGE + SIZE + 4 * GAP.length();
            int room = Math.max(0, width - fixed - 2 * GAP.length());
            // Sender and recipients first (each at most a third of the room if the reason needs space), reason gets the rest.
            int third = Math.max(8, room / 3);
            int s = Math.min(sender, third);
            int r = Math.min(recipient, third);
            int rest = room - s - r;
            int sj = 0;
            if (subjects) {
                sj = Math.min(subject, Math.max(0, Math.min(rest - GAP.length(), third)));
                rest -= sj + GAP.length();
            }
            int rs = Math.min(reason, Math.max(0, rest));
            int spare = Math.max(0, rest - rs);
            if (spare > 0) {
                int more = Math.min(spare, sender - s);
                s += more;
                spare -= more;
                r += Math.min(spare, recipient - r);
            }
            if (s + r > room) { // a very narrow terminal: share what there is
                s = room / 2;
                r = room - s;
                rs = 0;
                sj = 0;
            }
            return new Layout(host, id, QUEUE, AGE, SIZE, s, r, Math.max(0, sj), rs);
        }

        String header(Column sort, boolean reversed) {
            StringBuilder sb = new StringBuilder("  ");
            if (host > 0) {
                sb.append(cell(title(Column.HOST, sort, reversed), host, false)).append(GAP);
            }
            sb.append(cell(title(Column.ID, sort, reversed), id, false)).append(GAP)
                    .append(cell(title(Column.QUEUE, sort, reversed), queue, false)).append(GAP)
                    .append(cell(title(Column.AGE, sort, reversed), age, true)).append(GAP)
                    .append(cell(title(Column.SIZE, sort, reversed), size, true)).append(GAP)
                    .append(cell(title(Column.SENDER, sort, reversed), sender, false)).append(GAP)
                    .append(cell(title(Column.RECIPIENT, sort, reversed), recipient, false));
            if (subject > 0) {
                sb.append(GAP).append(cell(title(Column.SUBJECT, sort, reversed), subject, false));
            }
            if (reason > 0) {
                sb.append(GAP).append(cell(title(Column.REASON, sort, reversed), reason, false));
            }
            return sb.toString();
        }

        private static String title(Column c, Column sort, boolean reversed) {
            return c == sort ? c.title() + (reversed ? "^" : "v") : c.title();
        }

        String row(QueuedMessage m, boolean marked, Instant now) {
            StringBuilder sb = new StringBuilder(marked ? "* " : "  ");
            if (host > 0) {
                sb.append(cell(Sanitizer.inline(m.host()), host, false)).append(GAP);
            }
            sb.append(cell(Sanitizer.inline(m.id()), id, false)).append(GAP)
                    .append(cell(m.queue().label(), queue, false)).append(GAP)
                    .append(cell(Durations.human(m.age(now)), age, true)).append(GAP)
                    .append(cell(Sizes.human(m.size()), size, true)).append(GAP)
                    .append(cell(Sanitizer.inline(m.isBounce() ? "<>" : m.sender()), sender, false)).append(GAP)
                    .append(cell(Sanitizer.inline(Column.recipients(m)), recipient, false));
            if (subject > 0) {
                sb.append(GAP).append(cell(Sanitizer.inline(subjectOf(m)), subject, false));
            }
            if (reason > 0) {
                sb.append(GAP).append(cell(Sanitizer.inline(reasonOf(m)), reason, false));
            }
            return sb.toString();
        }

        private static String subjectOf(QueuedMessage m) {
            return m.subject() == null ? "…" : m.subject(); // "…": still being read
        }

        private static String reasonOf(QueuedMessage m) {
            return m.firstReason() == null ? "" : m.firstReason();
        }
    }
}
