package dev.qctl.mta;

import dev.qctl.model.MessageDetails;
import dev.qctl.model.MessageOrigin;
import dev.qctl.model.OptionalField;
import dev.qctl.model.OptionalFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects, from one message's header section, what a listing was asked for: the Subject (RFC 2047
 * decoded), the Message-ID and the values of headers asked by name. Fed one header field at a time
 * (folded lines joined), so each MTA's reader only has to find the fields.
 */
public final class HeaderDetails {
    private final OptionalFields wanted;
    private String subject;
    private String messageId;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    public HeaderDetails(OptionalFields wanted) {
        this.wanted = wanted;
    }

    /** Whether a header field of this name (any case) is kept: a reader can skip the others unread. */
    public boolean wants(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return (n.equals("subject") && wanted.has(OptionalField.SUBJECT))
                || (n.equals("message-id") && wanted.has(OptionalField.MESSAGE_ID)) || wanted.headers().contains(n);
    }

    /** One header field, "Name: value", possibly folded over several lines. */
    public void add(String field) {
        int colon = field.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (!name.equals("subject") && !name.equals("message-id") && !wanted.headers().contains(name)) {
            return;
        }
        String value = unfold(field.substring(colon + 1));
        if (name.equals("subject") && subject == null) {
            subject = EncodedWords.decode(value);
        } else if (name.equals("message-id") && messageId == null) {
            messageId = value;
        }
        if (wanted.headers().contains(name)) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(name.equals("subject") ? EncodedWords.decode(value) : value);
        }
    }

    /** RFC 5322 unfolding: CRLF + white space becomes that white space; the value is trimmed. */
    static String unfold(String value) {
        return value.replaceAll("\r?\n(?=[ \t])", "").replace("\r", "").replace("\n", "").strip();
    }

    /** The details asked for; {@code origin} is the MTA's envelope part (null when not asked). */
    public MessageDetails details(MessageOrigin origin) {
        return new MessageDetails(
                wanted.has(OptionalField.SUBJECT) ? (subject == null ? "" : subject) : null,
                wanted.has(OptionalField.MESSAGE_ID) ? (messageId == null ? "" : messageId) : null,
                wanted.has(OptionalField.ORIGIN) ? (origin == null ? MessageOrigin.UNKNOWN : origin) : null,
                headers);
    }
}
