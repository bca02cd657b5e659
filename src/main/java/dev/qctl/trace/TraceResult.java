package dev.qctl.trace;

import dev.qctl.mta.LogSources;
import java.util.List;

/**
 * What one host's log says about the messages asked for.
 *
 * @param sources  where it searched
 * @param messages one trace per message, by time of its first line
 * @param passes   how many searches of the log it took
 */
public record TraceResult(LogSources sources, List<MessageTrace> messages, int passes) {
    public TraceResult {
        messages = List.copyOf(messages);
    }
}
