package dev.qctl.output;

import dev.qctl.model.QueuedMessage;
import java.io.PrintStream;

/** Bare queue IDs, one per line: what {@code qctl delete -} and xargs read. */
final class IdRecordWriter implements RecordWriter {
    private final PrintStream out;

    IdRecordWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(QueuedMessage m) {
        out.print(m.id());
        out.print('\n');
    }

    @Override
    public void finish() {
        out.flush();
    }
}
