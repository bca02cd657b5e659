package dev.qctl.cli;

import dev.qctl.queue.Pacing;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How fast to hand a backlog back to the MTA: on release, requeue, deliver and flush. */
public final class PacingOptions {
    @Option(names = "--rate", paramLabel = "N/s",
            description = "Hand at most N messages a second to the MTA (also N/m, N/h), in small batches.")
    String rate;

    @Option(names = "--batch", paramLabel = "N", description = "Hand the messages over N at a time.")
    Integer batch;

    @Option(names = "--pause", paramLabel = "DURATION", converter = Converters.Age.class,
            description = "Wait this long after each batch (with --batch), e.g. 10s.")
    Duration pause;

    Pacing pacing() {
        if (batch != null && batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1");
        }
        return new Pacing(batch == null ? 0 : batch, pause, rate == null ? 0 : Pacing.parseRate(rate));
    }

    boolean given() {
        return rate != null || batch != null || pause != null;
    }
}
