package dev.qctl.output;

import dev.qctl.model.QueuedMessage;

/** Prints records as they stream in; {@link #finish()} closes the document (array, table). */
public interface RecordWriter {
    void write(QueuedMessage message);

    void finish();

    /**
     * A host that gave no records: data formats (JSON, NDJSON, YAML) carry it as an entry
     * {@code {"host": ..., "error": ...}}; the others leave it to the message on stderr.
     */
    default void writeError(String host, String error) {
    }
}
