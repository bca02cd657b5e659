package dev.qctl.output;

import dev.qctl.model.Sanitizer;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** The writer for an output format. */
public final class RecordWriters {
    private RecordWriters() {
    }

    /**
     * CSV and bare IDs are for programs and pass the MTA's text unchanged; on a terminal a person reads
     * them, so control characters, C1 controls and bidi overrides are shown, not obeyed.
     */
    private static UnaryOperator<String> onScreen(Terminal terminal) {
        return terminal.tty() ? Sanitizer::inline : UnaryOperator.identity();
    }

    public static RecordWriter create(OutputFormat format, PrintStream out, Terminal terminal, Clock clock,
                                      boolean headers, boolean showHost) {
        switch (format) {
            case JSON:
                return JacksonRecordWriter.json(out, clock);
            case NDJSON:
                return JacksonRecordWriter.ndjson(out, clock);
            case YAML:
                return JacksonRecordWriter.yaml(out, clock);
            case CSV:
                return new CsvRecordWriter(out, clock, headers, onScreen(terminal));
            case IDS:
                return new IdRecordWriter(out, onScreen(terminal));
            case WIDE:
                return new MessageTableWriter(out, terminal, clock, true, showHost, headers);
            default:
                return new MessageTableWriter(out, terminal, clock, false, showHost, headers);
        }
    }
}
