package dev.qctl.output;

import dev.qctl.model.QueuedMessage;
import java.io.PrintStream;
import java.util.function.UnaryOperator;

/** Bare queue IDs, one per line: what {@code qctl delete -} and xargs read. */
final class IdRecordWriter implements RecordWriter {
    private final PrintStream out;
    private final UnaryOperator<String> text;

    IdRecordWriter(PrintStream out, UnaryOperator<String> text) {
        this.out = out;
        this.text = text;
    }

    @Override
    public void write(QueuedMessage m) {
        out.print(text.apply(m.id()));
        out.print('\n');
    }

    @Override
    public void finish() {
        out.flush();
    }
}
