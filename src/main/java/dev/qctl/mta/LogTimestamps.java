package dev.qctl.mta;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time at the start of a mail log line, in the shapes MTAs and syslog daemons write:
 * <ul>
 *   <li>RFC 3339 (rsyslog's default on Debian 12, journalctl -o short-iso):
 *       {@code 2026-12-01T09:08:36.123456+00:00}, {@code 2026-12-01T09:08:36+0000};</li>
 *   <li>Exim's main log: {@code 2026-12-01 09:08:38}, optionally {@code .123} and {@code +0100};</li>
 *   <li>classic syslog (and Postfix's own maillog_file): {@code Dec  1 09:08:36}, {@code Dec 01 09:08:36}.</li>
 * </ul>
 * Times without a zone are local times of {@code zone}. A syslog date has no year: it gets the
 * latest year that does not put it more than a day after {@code now} (so in January, December's
 * lines are last year's; a log older than a year is dated a year too late).
 */
public final class LogTimestamps {
    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4})-(\\d\\d)-(\\d\\d)[T ](\\d\\d):(\\d\\d):(\\d\\d)(?:[.,](\\d{1,9}))?(Z|[+-]\\d\\d:?\\d\\d| [+-]\\d{4})?(?= |$)");
    private static final Pattern SYSLOG = Pattern.compile(
            "^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \\d]?\\d) (\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d{1,9}))?(?= |$)");
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final Duration FUTURE_SLACK = Duration.ofDays(1);

    /** A parsed time and where the rest of the line starts (after one space, if there is one). */
    public record Stamp(Instant time, int end) {
    }

    private final ZoneId zone;
    private final Instant now;
    private final int currentYear;

    public LogTimestamps(ZoneId zone, Instant now) {
        this.zone = zone;
        this.now = now;
        this.currentYear = now.atZone(zone).getYear();
    }

    /** The time at the start of the line, or null if it starts with none of the known shapes. */
    public Stamp parse(String line) {
        if (line.isEmpty()) {
            return null;
        }
        char first = line.charAt(0);
        try {
            if (first >= '0' && first <= '9') {
                Matcher m = ISO.matcher(line);
                return m.find() ? new Stamp(iso(m), skipSpace(line, m.end())) : null;
            }
            Matcher m = SYSLOG.matcher(line);
            return m.find() ? new Stamp(syslog(m), skipSpace(line, m.end())) : null;
        } catch (DateTimeException e) {
            return null; // 31 Feb and the like: not a time
        }
    }

    private Instant iso(Matcher m) {
        LocalDateTime local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5), num(m, 6),
                nanos(m.group(7)));
        String offset = m.group(8);
        if (offset == null) {
            return local.atZone(zone).toInstant();
        }
        offset = offset.strip();
        if (!offset.equals("Z") && offset.length() == 5) {
            offset = offset.substring(0, 3) + ":" + offset.substring(3);
        }
        return local.toInstant(ZoneOffset.of(offset));
    }

    private Instant syslog(Matcher m) {
        int month = MONTHS.indexOf(m.group(1)) / 3 + 1;
        int day = Integer.parseInt(m.group(2).strip());
        int nanos = nanos(m.group(6));
        ZonedDateTime candidate = LocalDateTime.of(currentYear, month, Math.min(day, 28), num(m, 3), num(m, 4),
                num(m, 5), nanos).withDayOfMonth(1).atZone(zone);
        ZonedDateTime dated = dayIn(candidate, day, currentYear);
        if (dated == null || dated.toInstant().isAfter(now.plus(FUTURE_SLACK))) {
            dated = dayIn(candidate, day, currentYear - 1);
        }
        if (dated == null) {
            throw new DateTimeException("no such day");
        }
        return dated.toInstant();
    }

    /** The date in that year, or null when the year has no such day (29 Feb). */
    private static ZonedDateTime dayIn(ZonedDateTime monthStart, int day, int year) {
        try {
            return monthStart.withYear(year).withDayOfMonth(day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        return Integer.parseInt((fraction + "000000000").substring(0, 9));
    }

    private static int skipSpace(String line, int end) {
        return end < line.length() && line.charAt(end) == ' ' ? end + 1 : end;
    }
}
