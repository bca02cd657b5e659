package dev.qctl.output;

import dev.qctl.model.Sanitizer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A borderless table in the kubectl style: a header, columns three spaces apart. Streaming: the
 * first {@value #SAMPLE_ROWS} rows set the column widths, later rows are cut to them, so a listing
 * of any length costs bounded memory. On a terminal of known width the flexible column is cut so
 * lines fit. Every cell is sanitized; colour is applied outside the width arithmetic.
 */
public final class TextTable {
    static final int SAMPLE_ROWS = 500;
    private static final String GAP = "   ";

    public enum Align { LEFT, RIGHT }

    /** A column; {@code maxWidth} 0 means unbounded; one column may be {@code flexible}. */
    public record Column(String title, Align align, int maxWidth, boolean flexible) {
        public static Column left(String title) {
            return new Column(title, Align.LEFT, 0, false);
        }

        public static Column right(String title) {
            return new Column(title, Align.RIGHT, 0, false);
        }

        public Column max(int width) {
            return new Column(title, align, width, flexible);
        }

        public Column stretch() {
            return new Column(title, align, maxWidth, true);
        }
    }

    /** A cell's text and an optional ANSI style (null for none). */
    public record Cell(String text, String style) {
        public static Cell of(String text) {
            return new Cell(text, null);
        }
    }

    private final PrintStream out;
    private final List<Column> columns;
    private final Terminal terminal;
    private final boolean headers;
    private final List<List<Cell>> sample = new ArrayList<>();
    private int[] widths;

    public TextTable(PrintStream out, List<Column> columns, Terminal terminal, boolean headers) {
        this.out = out;
        this.columns = List.copyOf(columns);
        this.terminal = terminal;
        this.headers = headers;
    }

    public void add(List<Cell> row) {
        List<Cell> clean = new ArrayList<>(row.size());
        for (Cell c : row) {
            clean.add(new Cell(Sanitizer.inline(c.text()), c.style()));
        }
        if (widths != null) {
            print(clean);
            return;
        }
        sample.add(clean);
        if (sample.size() >= SAMPLE_ROWS) {
            flushSample();
        }
    }

    public void finish() {
        if (widths == null) {
            flushSample();
        }
        out.flush();
    }

    private void flushSample() {
        widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = headers ? columns.get(i).title().length() : 0;
            for (List<Cell> row : sample) {
                widths[i] = Math.max(widths[i], width(row.get(i).text()));
            }
            if (columns.get(i).maxWidth() > 0) {
                widths[i] = Math.min(widths[i], Math.max(columns.get(i).maxWidth(), headers ? columns.get(i).title().length() : 1));
            }
        }
        fitTerminal();
        if (headers) {
            List<Cell> header = new ArrayList<>();
            String bold = terminal.color() ? Ansi.BOLD : null;
            for (Column c : columns) {
                header.add(new Cell(c.title(), bold));
            }
            print(header);
        }
        sample.forEach(this::print);
        sample.clear();
    }

    private void fitTerminal() {
        if (terminal.width() <= 0) {
            return;
        }
        int total = GAP.length() * (columns.size() - 1);
        int flexible = -1;
        for (int i = 0; i < widths.length; i++) {
            total += widths[i];
            if (columns.get(i).flexible()) {
                flexible = i;
            }
        }
        if (flexible >= 0 && total > terminal.width()) {
            widths[flexible] = Math.max(columns.get(flexible).title().length(),
                    widths[flexible] - (total - terminal.width()));
        }
    }

    private void print(List<Cell> row) {
        StringBuilder line = new StringBuilder();
        int last = row.size() - 1;
        for (int i = 0; i <= last; i++) {
            String text = cut(row.get(i).text(), widths[i]);
            int pad = widths[i] - width(text);
            boolean right = columns.get(i).align() == Align.RIGHT;
            if (right) {
                line.append(" ".repeat(pad));
            }
            String style = row.get(i).style();
            line.append(style == null ? text : style + text + Ansi.RESET);
            if (!right && i < last) {
                line.append(" ".repeat(pad));
            }
            if (i < last) {
                line.append(GAP);
            }
        }
        out.print(stripTrailing(line));
        out.print('\n');
    }

    private static String stripTrailing(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }

    static String cut(String text, int width) {
        if (width(text) <= width) {
            return text;
        }
        if (width <= 1) {
            return "…".substring(0, Math.min(1, width));
        }
        int end = text.offsetByCodePoints(0, width - 1);
        return text.substring(0, end) + "…";
    }

    static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
