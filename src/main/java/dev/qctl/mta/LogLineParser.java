package dev.qctl.mta;

import dev.qctl.model.LogEvent;

/** Reads one line of an MTA's log into an event. */
public interface LogLineParser {
    /** The event of a line about a message, or null for a line of another program or in another shape. */
    LogEvent parse(String line);
}
