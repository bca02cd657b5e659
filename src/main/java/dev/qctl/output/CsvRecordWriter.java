package dev.qctl.output;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
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

    CsvRecordWriter(PrintStream out, Clock clock, boolean headers, UnaryOperator<String> text) {
        this.out = out;
        this.clock = clock;
        this.text = text;
        if (headers) {
            out.print(Csv.line(HEADER));
        }
    }

    @Override
    public void write(QueuedMessage m) {
        out.print(Csv.line(Stream.of(m.host(), m.mta().label(), m.id(), m.queue().label(),
                RecordFields.isoUtc(m.arrival()), Long.toString(m.age(clock.instant()).getSeconds()),
                Long.toString(m.size()), m.sender(), Boolean.toString(m.frozen()),
                m.recipients().stream().map(Recipient::address).collect(Collectors.joining(" ")),
                m.firstReason() == null ? "" : m.firstReason()).map(text).toList()));
    }

    @Override
    public void finish() {
        out.flush();
    }
}
