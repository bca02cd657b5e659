package dev.qctl.mta.exim;

import dev.qctl.mta.LogLineParser;
import dev.qctl.mta.LogTimestamps;
import java.time.Instant;
import java.time.ZoneOffset;

/** Exim's log parser for tests outside its package, with times in UTC. */
public final class EximLogParserAccess {
    private EximLogParserAccess() {
    }

    public static LogLineParser parser(Instant now) {
        return new EximLogParser(new LogTimestamps(ZoneOffset.UTC, now));
    }
}
