package dev.qctl.mta.postfix;

import dev.qctl.model.Mta;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.mta.Lookahead;
import dev.qctl.model.Sanitizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of {@code postqueue -p} for Postfix before 3.1 (no {@code -j}). An entry is a line
 * {@code ID[*!#] SIZE Dow Mon DD HH:MM:SS SENDER}, then recipient lines, each group of them after the
 * {@code (reason)} line that applies to it, then a blank line. The listing has no year and no
 * time zone: the arrival is read in the server's zone, in the latest year that is not in the future
 * and whose weekday matches.
 */
public final class PostqueueTextParser {
    // Before 3.1 the size could touch the mark ("%-10s%c%8ld"); 3.5+ may print two marks ("*#").
    private static final Pattern ENTRY = Pattern.compile(
            "^([0-9A-Za-z]+)([*!]?#?)(?:\\s+|(?<=[*!#]))(\\d+)\\s+([A-Z][a-z]{2}) ([A-Z][a-z]{2})\\s+(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})\\s+(.*)$");

    private static final Pattern HEADING = Pattern.compile("^-+Queue ID-+\\s.*");
    /** Postfix's placeholder where it has no reason: not a reason. */
    private static final String NO_REASON = "reason unavailable";

    private final String host;
    private final Consumer<String> warnings;
    private final Clock clock;
    private final ZoneId zone;

    public PostqueueTextParser(String host, Consumer<String> warnings, Clock clock, ZoneId zone) {
        this.host = host;
        this.warnings = warnings;
        this.clock = clock;
        this.zone = zone;
    }

    public Iterator<QueuedMessage> parse(BufferedReader reader) {
        return new Lookahead<>() {
            private String pushedBack;
            private int lineNumber;
            private boolean done;

            @Override
            protected QueuedMessage advance() {
                while (!done) {
                    String line = readLine();
                    if (line == null || isTrailer(line)) {
                        done = true;
                    } else if (!line.isBlank() && !HEADING.matcher(line).matches()) {
                        QueuedMessage entry = readEntry(line);
                        if (entry != null) {
                            return entry;
                        }
                    }
                }
                return null;
            }

            private QueuedMessage readEntry(String first) {
                int entryLine = lineNumber;
                Matcher m = ENTRY.matcher(first);
                if (!m.matches()) {
                    warnings.accept("skipped a postqueue entry that does not parse (line " + entryLine + "): "
                            + Sanitizer.inline(first));
                    skipToBlank();
                    return null;
                }
                List<Recipient> recipients = new ArrayList<>();
                String reason = null;
                String line;
                while ((line = readLine()) != null && !line.isBlank()) {
                    if (ENTRY.matcher(line).matches() || isTrailer(line)) {
                        pushedBack = line; // a listing without the blank separator: be lenient
                        lineNumber--;
                        break;
                    }
                    String text = line.trim();
                    if (text.startsWith("(") && text.endsWith(")")) {
                        reason = text.substring(1, text.length() - 1);
                        if (reason.equals(NO_REASON)) {
                            reason = null;
                        }
                    } else {
                        recipients.add(Recipient.of(text, reason));
                    }
                }
                Instant arrival = arrival(m);
                long size;
                try {
                    size = Long.parseLong(m.group(3));
                } catch (NumberFormatException e) {
                    warnings.accept("skipped a postqueue entry with an impossible size (line " + entryLine + "): "
                            + Sanitizer.inline(first));
                    return null;
                }
                if (arrival == null) {
                    warnings.accept("skipped a postqueue entry with an impossible date (line " + entryLine + "): "
                            + Sanitizer.inline(first));
                    return null;
                }
                return new QueuedMessage(host, Mta.POSTFIX, m.group(1), queueOf(m.group(2)), arrival,
                        size, PostfixSender.fromPostfix(m.group(10).trim()), recipients, false);
            }

            /** Skips the rest of an entry that could not be read, up to a blank line or the next entry. */
            private void skipToBlank() {
                String line;
                while ((line = readLine()) != null && !line.isBlank()) {
                    if (ENTRY.matcher(line).matches() || isTrailer(line)) {
                        pushedBack = line;
                        lineNumber--;
                        return;
                    }
                }
            }

            private String readLine() {
                if (pushedBack != null) {
                    String line = pushedBack;
                    pushedBack = null;
                    lineNumber++;
                    return line;
                }
                try {
                    String line = reader.readLine();
                    if (line != null) {
                        lineNumber++;
                    }
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static boolean isTrailer(String line) {
        return line.startsWith("-- ") || line.startsWith("Mail queue is empty");
    }

    private static QueueName queueOf(String marks) {
        switch (marks.isEmpty() ? ' ' : marks.charAt(0)) {
            case '*':
                return QueueName.ACTIVE;
            case '!':
                return QueueName.HOLD;
            default:
                return QueueName.DEFERRED; // "-p" does not tell incoming and maildrop apart
        }
    }

    private Instant arrival(Matcher m) {
        Month month = monthOf(m.group(5));
        DayOfWeek weekday = weekdayOf(m.group(4));
        if (month == null) {
            return null;
        }
        int day = Integer.parseInt(m.group(6));
        int hour = Integer.parseInt(m.group(7));
        int minute = Integer.parseInt(m.group(8));
        int second = Integer.parseInt(m.group(9));
        Instant now = clock.instant();
        int thisYear = LocalDateTime.ofInstant(now, zone).getYear();
        Instant fallback = null;
        for (int year = thisYear; year > thisYear - 8; year--) {
            LocalDateTime t;
            try {
                t = LocalDateTime.of(year, month, day, hour, minute, second);
            } catch (java.time.DateTimeException e) {
                continue; // Feb 29 in a year without it
            }
            Instant instant = t.atZone(zone).toInstant();
            if (instant.isAfter(now.plusSeconds(86_400))) {
                continue;
            }
            if (fallback == null) {
                fallback = instant;
            }
            if (weekday == null || t.getDayOfWeek() == weekday) {
                return instant;
            }
        }
        return fallback;
    }

    private static Month monthOf(String abbreviation) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(abbreviation)) {
                return month;
            }
        }
        return null;
    }

    private static DayOfWeek weekdayOf(String abbreviation) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(abbreviation)) {
                return day;
            }
        }
        return null;
    }
}
