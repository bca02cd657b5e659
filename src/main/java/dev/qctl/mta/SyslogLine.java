package dev.qctl.mta;

import java.time.Instant;

/**
 * The syslog frame of a log line: {@code TIME HOST PROGRAM[PID]: MESSAGE}, as syslog daemons,
 * journalctl and Postfix's own maillog_file write it.
 *
 * @param program the tag without its {@code [pid]}, e.g. {@code postfix/smtpd}
 * @param message where the message starts in the line
 */
public record SyslogLine(Instant time, String host, String program, int message) {

    /** The frame of the line, or null when it has none (no known time, no {@code PROGRAM:} tag). */
    public static SyslogLine parse(String line, LogTimestamps stamps) {
        LogTimestamps.Stamp stamp = stamps.parse(line);
        if (stamp == null) {
            return null;
        }
        int hostEnd = line.indexOf(' ', stamp.end());
        if (hostEnd < 0) {
            return null;
        }
        int colon = line.indexOf(": ", hostEnd + 1);
        if (colon < 0) {
            return null;
        }
        String tag = line.substring(hostEnd + 1, colon);
        if (tag.indexOf(' ') >= 0) {
            return null;
        }
        int bracket = tag.indexOf('[');
        String program = bracket >= 0 ? tag.substring(0, bracket) : tag;
        return new SyslogLine(stamp.time(), line.substring(stamp.end(), hostEnd), program, colon + 2);
    }
}
