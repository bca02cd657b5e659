package dev.qctl.tui;

import dev.qctl.model.Sanitizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A scrollable page of text (the message view, the help): lines already made safe for the
 * terminal, the first line shown and how many fit.
 */
public final class Pager {
    private final String title;
    private final List<String> lines;
    private int top;
    private int height = 1;

    public Pager(String title, List<String> lines) {
        this.title = title;
        this.lines = List.copyOf(lines);
    }

    /** Splits message-derived text into lines: control characters become placeholders, tabs spaces. */
    public static Pager ofText(String title, String text) {
        List<String> lines = new ArrayList<>();
        for (String line : Sanitizer.multiline(text).split("\n", -1)) {
            lines.add(expandTabs(line));
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new Pager(title, lines);
    }

    static String expandTabs(String line) {
        if (line.indexOf('\t') < 0) {
            return line;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : line.toCharArray()) {
            if (c == '\t') {
                do {
                    sb.append(' ');
                } while (sb.length() % 8 != 0);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public String title() {
        return title;
    }

    public List<String> lines() {
        return lines;
    }

    public int top() {
        return top;
    }

    public void setHeight(int h) {
        height = Math.max(1, h);
        scrollBy(0);
    }

    public int height() {
        return height;
    }

    public List<String> visibleLines() {
        return lines.subList(top, Math.min(lines.size(), top + height));
    }

    public void scrollBy(int delta) {
        long t = (long) top + delta;
        top = (int) Math.max(0, Math.min(t, Math.max(0, lines.size() - height)));
    }

    public void pageDown() {
        scrollBy(height);
    }

    public void pageUp() {
        scrollBy(-height);
    }

    public void home() {
        top = 0;
    }

    public void end() {
        scrollBy(Integer.MAX_VALUE);
    }
}
