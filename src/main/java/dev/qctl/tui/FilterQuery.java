package dev.qctl.tui;

import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.Durations;
import dev.qctl.queue.ClientMatch;
import dev.qctl.queue.MessageFilter;
import dev.qctl.queue.OriginFilter;
import dev.qctl.model.Sizes;
import dev.qctl.queue.TextPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One filter typed at the {@code /} prompt: words separated by spaces, all of which must hold.
 * A word {@code key:value} or {@code key>value} uses the filters of {@code qctl list}
 * ({@code from:}, {@code to:}, {@code queue:}, {@code reason:}, {@code host:}, {@code age>}, {@code age<},
 * {@code size>}, {@code size<}, {@code bounces}, and on the origin {@code user:} (SASL login),
 * {@code client:} (address, network or name), {@code subject:}); any other word must appear
 * (case-insensitively) in the sender, a recipient, the ID, a delay reason, the host or a subject read.
 */
public final class FilterQuery {
    private final String text;
    private final MessageFilter filter;
    private final TextPattern host;
    private final List<String> words;

    private FilterQuery(String text, MessageFilter filter, TextPattern host, List<String> words) {
        this.text = text;
        this.filter = filter;
        this.host = host;
        this.words = words;
    }

    /** Parses the prompt text; throws IllegalArgumentException with a one-line reason when it is not valid. */
    public static FilterQuery parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        Set<QueueName> queues = EnumSet.noneOf(QueueName.class);
        TextPattern from = null;
        TextPattern to = null;
        TextPattern reason = null;
        TextPattern host = null;
        Duration olderThan = null;
        Duration newerThan = null;
        Long minSize = null;
        Long maxSize = null;
        boolean bounces = false;
        TextPattern user = null;
        ClientMatch client = null;
        TextPattern subject = null;
        List<String> words = new ArrayList<>();
        for (String word : words(trimmed)) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals("bounces")) {
                bounces = true;
            } else if (lower.startsWith("from:")) {
                from = TextPattern.wholeMatch(value(word, 5));
            } else if (lower.startsWith("to:")) {
                to = TextPattern.wholeMatch(value(word, 3));
            } else if (lower.startsWith("reason:")) {
                reason = TextPattern.anywhere(value(word, 7));
            } else if (lower.startsWith("user:")) {
                user = TextPattern.wholeMatch(value(word, 5));
            } else if (lower.startsWith("client:")) {
                client = ClientMatch.parse(value(word, 7));
            } else if (lower.startsWith("subject:")) {
                subject = TextPattern.anywhere(value(word, 8));
            } else if (lower.startsWith("host:")) {
                host = TextPattern.wholeMatch(value(word, 5));
            } else if (lower.startsWith("queue:")) {
                for (String q : value(word, 6).split(",")) {
                    if (!q.isEmpty()) {
                        queues.add(QueueName.parse(q));
                    }
                }
            } else if (lower.startsWith("age>")) {
                olderThan = Durations.parse(value(word, lower.startsWith("age>=") ? 5 : 4));
            } else if (lower.startsWith("age<")) {
                newerThan = Durations.parse(value(word, lower.startsWith("age<=") ? 5 : 4));
            } else if (lower.startsWith("size>")) {
                minSize = Sizes.parse(value(word, lower.startsWith("size>=") ? 6 : 5));
            } else if (lower.startsWith("size<")) {
                maxSize = Sizes.parse(value(word, lower.startsWith("size<=") ? 6 : 5));
            } else {
                words.add(lower);
            }
        }
        return new FilterQuery(trimmed, new MessageFilter(queues, from, to, reason, olderThan, newerThan, minSize,
                maxSize, bounces, null, new OriginFilter(user, client, subject, null, null)), host, List.copyOf(words));
    }

    /** The filters of the command line as a query of their own, described by {@code text}. */
    public static FilterQuery of(MessageFilter filter, String text) {
        return new FilterQuery(text, filter, null, List.of());
    }

    /** Splits at spaces, except inside double quotes: {@code reason:"Connection refused"}. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static String value(String word, int start) {
        String v = word.substring(start);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("'" + word + "' needs a value");
        }
        return v;
    }

    /** The optional fields the records must carry for this query (user:, client:, subject:). */
    public dev.qctl.model.OptionalFields neededFields() {
        return filter.neededFields();
    }

    /** The text as typed (trimmed): how the status bar shows it. */
    public String text() {
        return text;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public boolean matches(QueuedMessage m, Instant now) {
        if (host != null && !host.matches(m.host())) {
            return false;
        }
        if (!filter.matches(m, now)) {
            return false;
        }
        for (String w : words) {
            if (!containsWord(m, w)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsWord(QueuedMessage m, String word) {
        if (contains(m.id(), word) || contains(m.sender(), word) || contains(m.host(), word) || contains(m.subject(), word)
                || (m.isBounce() && "<>".contains(word))) {
            return true;
        }
        for (Recipient r : m.recipients()) {
            if (contains(r.address(), word) || contains(r.reason(), word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String text, String lowerWord) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lowerWord);
    }

    @Override
    public String toString() {
        return text;
    }
}
