package dev.qctl.mta;

import dev.qctl.model.Mta;
import dev.qctl.model.QueuedMessage;
import java.io.OutputStream;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One MTA on one target: turns qctl's use cases into argv for the MTA's own tools, runs them
 * through a transport and parses the answer into the common model.
 */
public interface MtaAdapter {
    Mta mta();

    Set<Capability> capabilities();

    QueueIdGrammar idGrammar();

    /**
     * Streams every message in the queue as it is parsed. The stream holds a running command:
     * close it (try-with-resources) to stop early. Records that fail to parse are skipped and
     * reported to {@code warnings}, one line each.
     */
    Stream<QueuedMessage> list(Consumer<String> warnings);

    /** The record of one message, if it is in the queue. The ID must be valid. */
    Optional<QueuedMessage> find(String id, Consumer<String> warnings);

    /**
     * Copies one part of a stored message to {@code out} as it streams from the MTA (never
     * buffered whole). Throws a {@code QctlException} with NOT_FOUND for an unknown ID.
     */
    void copyPart(String id, MessagePart part, OutputStream out);
}
