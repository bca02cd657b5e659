package dev.qctl.mta;

import dev.qctl.model.QuarantinedMessage;
import dev.qctl.model.QueuedMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A target's quarantine for one MTA: messages kept, in batches, right before they are deleted,
 * listed, put back into the queue and purged. Every operation is one command per batch on the
 * target ({@link QuarantineScript}), through the adapter's transport.
 */
public interface QuarantineStore {
    /** The quarantine directory on the target. */
    String directory();

    /** What keeping these messages costs on disk, about (file blocks included). */
    long estimate(int messages, long bytes);

    /**
     * Makes the quarantine ready to keep {@code needBytes} more: creates it if need be, purges the
     * runs its retention and size cap say must go, and refuses ({@code ExitCode.NO_SPACE}) when the
     * target's free space would drop below the minimum or the messages alone exceed the cap.
     */
    List<PurgedRun> prepare(long needBytes);

    /**
     * Keeps these (valid) IDs under the run's ID, in batches: {@code OK} for a message kept, {@code
     * NOT_FOUND} for one no longer queued, {@code FAILED} for one that could not be copied (it must
     * not be deleted then). Throws when a batch cannot run; what was reported stands.
     */
    void store(String run, List<String> ids, OutcomeSink sink);

    /** Every message kept for this MTA, oldest run first. Close the stream. */
    Stream<QuarantinedMessage> list(Consumer<String> warnings);

    /**
     * Puts these messages of one run back into the queue: {@code OK} when it is queued again,
     * {@code NOT_FOUND} when it is no longer kept, {@code FAILED} with why.
     */
    void restore(String run, List<QueuedMessage> messages, OutcomeSink sink);

    /** Purges the runs older than this (all for zero) and those the size cap says must go. */
    List<PurgedRun> purge(Duration olderThan);

    /** A run removed from the quarantine: its ID, its size and why (age, size, empty). */
    record PurgedRun(String run, long bytes, String why) {
    }
}
