package dev.qctl.mta.postfix;

import dev.qctl.model.Mta;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.Sanitizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the envelopes that {@code postcat -e -q ID…} prints, one record per queue file: the queue
 * from the {@code *** ENVELOPE RECORDS QUEUE/…/ID ***} line, size, arrival, sender and the
 * recipients not yet delivered. Looking messages up this way costs a few milliseconds, where a
 * listing reads the whole queue. postcat prints the arrival in the target's local time, read here
 * in this machine's zone: right locally, the clock's offset off on a remote host in another zone.
 */
final class PostcatEnvelopes {
    private static final Pattern START = Pattern.compile("^\\*\\*\\* ENVELOPE RECORDS ([a-z]+)/(?:.*/)?([0-9A-Za-z]+) \\*\\*\\*$");
    private static final DateTimeFormatter ARRIVAL = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private final String host;
    private final ZoneId zone;
    private final Consumer<String> warnings;

    PostcatEnvelopes(String host, ZoneId zone, Consumer<String> warnings) {
        this.host = host;
        this.zone = zone;
        this.warnings = warnings;
    }

    /** Every envelope in the output, in order, to {@code each}. */
    void read(BufferedReader reader, Consumer<QueuedMessage> each) {
        Envelope current = null;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher start = START.matcher(line);
                if (start.matches()) {
                    emit(current, each);
                    current = new Envelope(start.group(2), start.group(1));
                } else if (line.startsWith("*** ")) {
                    emit(current, each); // the envelope ends where the contents begin
                    current = null;
                } else if (current != null) {
                    current.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        emit(current, each);
    }

    private void emit(Envelope e, Consumer<QueuedMessage> each) {
        if (e == null) {
            return;
        }
        QueueName queue;
        try {
            queue = QueueName.parse(e.queue);
        } catch (IllegalArgumentException ex) {
            warnings.accept("postcat: message " + e.id + " in an unknown queue '" + Sanitizer.inline(e.queue) + "': skipped");
            return;
        }
        if (e.arrival == null) {
            warnings.accept("postcat: message " + e.id + " has no arrival time: skipped");
            return;
        }
        each.accept(new QueuedMessage(host, Mta.POSTFIX, e.id, queue, e.arrival, e.size,
                PostfixSender.fromPostfix(e.sender), e.recipients, false));
    }

    private final class Envelope {
        final String id;
        final String queue;
        Instant arrival;
        long size;
        String sender = "";
        final List<Recipient> recipients = new ArrayList<>();

        Envelope(String id, String queue) {
            this.id = id;
            this.queue = queue;
        }

        void add(String line) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                return;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "message_size" -> size = firstNumber(value);
                case "message_arrival_time" -> arrival = arrival(value);
                case "sender" -> sender = value;
                case "recipient" -> recipients.add(Recipient.of(value, null));
                default -> { }
            }
        }

        private long firstNumber(String value) {
            String first = value.split("\\s+", 2)[0];
            try {
                return Long.parseLong(first);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private Instant arrival(String value) {
            try {
                return LocalDateTime.parse(value, ARRIVAL).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                return null;
            }
        }
    }
}
