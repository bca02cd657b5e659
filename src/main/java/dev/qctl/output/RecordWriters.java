package dev.qctl.output;

import dev.qctl.model.OptionalField;
import java.io.PrintStream;
import java.util.Set;
import java.time.Clock;

/** The writer for an output format. */
public final class RecordWriters {
    private RecordWriters() {
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
                return new CsvRecordWriter(out, clock, headers, shown);
            case IDS:
                return new IdRecordWriter(out);
            case WIDE:
                return new MessageTableWriter(out, terminal, clock, true, showHost, headers, shown);
            default:
                return new MessageTableWriter(out, terminal, clock, false, showHost, headers, shown);
        }
    }
}
