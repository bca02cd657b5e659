package dev.qctl.output;

import dev.qctl.model.Sanitizer;
import dev.qctl.model.OptionalField;
import java.io.PrintStream;
import java.util.Set;
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
        return create(format, out, terminal, clock, headers, showHost, Set.of());
    }

    /** @param shown the optional fields to print (--with); the records must carry them */
    public static RecordWriter create(OutputFormat format, PrintStream out, Terminal terminal, Clock clock,
                                      boolean headers, boolean showHost, Set<OptionalField> shown) {
        switch (format) {
            case JSON:
                return JacksonRecordWriter.json(out, clock).showing(shown);
            case NDJSON:
                return JacksonRecordWriter.ndjson(out, clock).showing(shown);
            case YAML:
                return JacksonRecordWriter.yaml(out, clock).showing(shown);
            case CSV:
                return new CsvRecordWriter(out, clock, headers, shown, onScreen(terminal));
            case IDS:
                return new IdRecordWriter(out, onScreen(terminal));
            case WIDE:
                return new MessageTableWriter(out, terminal, clock, true, showHost, headers, shown);
            default:
                return new MessageTableWriter(out, terminal, clock, false, showHost, headers, shown);
        }
    }
}
