package dev.qctl.output;

import dev.qctl.model.QueuedMessage;

/** Prints records as they stream in; {@link #finish()} closes the document (array, table). */
public interface RecordWriter {
    void write(QueuedMessage message);

    void finish();
}
