package dev.qctl.queue;

import dev.qctl.model.QueuedMessage;

/**
 * {@code --header 'NAME: PATTERN'}: one value of the header field NAME (any case; folded lines
 * joined, a Subject decoded) matches PATTERN, a glob that may match anywhere in the value or a /regex/.
 */
public record HeaderMatch(String name, TextPattern pattern) {
    public static HeaderMatch parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        String name = colon < 0 ? "" : text.substring(0, colon).strip();
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("invalid header filter '" + text + "' (expected 'NAME: PATTERN', e.g. 'X-Mailer: *PHP*')");
        }
        String value = text.substring(colon + 1).strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("header filter '" + text + "' has no pattern");
        }
        return new HeaderMatch(name, TextPattern.anywhere(value));
    }

    public boolean matches(QueuedMessage m) {
        return m.details().header(name).stream().anyMatch(pattern::matches);
    }

    @Override
    public String toString() {
        return name + ": " + pattern;
    }
}
