package dev.qctl.output;

import dev.qctl.model.OptionalField;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One CSV row per message: the record's scalar fields, the recipients separated by spaces and the
 * first delay reason (the full per-recipient detail is in the JSON formats).
 */
final class CsvRecordWriter implements RecordWriter {
    static final List<String> HEADER = List.of("host", "mta", "id", "queue", "arrival", "age_seconds", "size",
            "sender", "frozen", "recipients", "reason");

    private final PrintStream out;
    private final Clock clock;
    private final UnaryOperator<String> text;
    private final Set<OptionalField> shown;

    CsvRecordWriter(PrintStream out, Clock clock, boolean headers, UnaryOperator<String> text) {
        this(out, clock, headers, Set.of(), text);
    }

    /** With the columns of the optional fields in {@code shown} after the standard ones. */
    CsvRecordWriter(PrintStream out, Clock clock, boolean headers, Set<OptionalField> shown, UnaryOperator<String> text) {
        this.out = out;
        this.clock = clock;
        this.shown = Set.copyOf(shown);
        this.text = text;
        if (headers) {
            List<String> header = new ArrayList<>(HEADER);
            header.addAll(RecordFields.csvHeader(shown));
            out.print(Csv.line(header));
        }
    }

    @Override
    public void write(QueuedMessage m) {
        List<String> fields = new ArrayList<>(List.of(m.host(), m.mta().label(), m.id(), m.queue().label(),
                RecordFields.isoUtc(m.arrival()), Long.toString(m.age(clock.instant()).getSeconds()),
                Long.toString(m.size()), m.sender(), Boolean.toString(m.frozen()),
                m.recipients().stream().map(Recipient::address).collect(Collectors.joining(" ")),
                m.firstReason() == null ? "" : m.firstReason()));
        fields.addAll(RecordFields.csvValues(m, shown));
        out.print(Csv.line(fields.stream().map(text).toList()));
    }

    @Override
    public void finish() {
        out.flush();
    }
}
