package dev.qctl.output;

import java.io.PrintStream;
import java.time.Clock;

/** The writer for an output format. */
public final class RecordWriters {
    private RecordWriters() {
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
                return new CsvRecordWriter(out, clock, headers);
            case IDS:
                return new IdRecordWriter(out);
            case WIDE:
                return new MessageTableWriter(out, terminal, clock, true, showHost, headers);
            default:
                return new MessageTableWriter(out, terminal, clock, false, showHost, headers);
        }
    }
}
