package dev.qctl.trace;

import dev.qctl.model.Durations;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A point in time for --since and --until: an age ({@code 2h}, {@code 3d}: that long ago), a date
 * ({@code 2026-12-01}: its midnight), a local date and time ({@code 2026-12-01 09:30},
 * {@code 2026-12-01T09:30:15}), a time today ({@code 09:30}), or ISO 8601 with an offset
 * ({@code 2026-12-01T09:30:00Z}). Local times are in the zone given (this machine's).
 */
public final class TimeSpec {
    private TimeSpec() {
    }

    public static Instant parse(String text, Instant now, ZoneId zone) {
        String t = text.strip();
        try {
            if (t.matches("\\d{4}-\\d\\d-\\d\\d")) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            if (t.matches("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?")) {
                return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
            }
            if (t.matches("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?(Z|[+-]\\d\\d:\\d\\d)")) {
                return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
            }
            if (t.matches("\\d\\d:\\d\\d(:\\d\\d)?")) {
                return LocalTime.parse(t).atDate(now.atZone(zone).toLocalDate()).atZone(zone).toInstant();
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid time '" + text + "': " + e.getMessage());
        }
        try {
            return now.minus(Durations.parse(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid time '" + text + "' (expected an age such as 2h or 3d, "
                    + "a date 2026-12-01, 2026-12-01 09:30, 09:30 or 2026-12-01T09:30:00Z)");
        }
    }
}
