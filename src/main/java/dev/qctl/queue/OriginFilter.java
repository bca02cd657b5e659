package dev.qctl.queue;

import dev.qctl.model.MessageOrigin;
import dev.qctl.model.OptionalField;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The criteria on a message's optional fields (all optional; all given must hold), and which of those
 * fields the listing must fetch for them.
 *
 * @param authUser  pattern on the SASL login (a message sent without SMTP AUTH never matches)
 * @param client    the SMTP client's address, network or name
 * @param subject   pattern anywhere in the decoded Subject
 * @param messageId the Message-ID, with or without its angle brackets (exact, case-sensitive as RFC 5322 says)
 * @param headers   header fields that must each have a matching value
 */
public record OriginFilter(TextPattern authUser, ClientMatch client, TextPattern subject, String messageId,
                           List<HeaderMatch> headers) {
    public OriginFilter {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public boolean isEmpty() {
        return authUser == null && client == null && subject == null && messageId == null && headers.isEmpty();
    }

    public OptionalFields neededFields() {
        Set<OptionalField> fields = EnumSet.noneOf(OptionalField.class);
        if (authUser != null || client != null) {
            fields.add(OptionalField.ORIGIN);
        }
        if (subject != null) {
            fields.add(OptionalField.SUBJECT);
        }
        if (messageId != null) {
            fields.add(OptionalField.MESSAGE_ID);
        }
        return new OptionalFields(fields, headers.stream().map(HeaderMatch::name).collect(Collectors.toSet()));
    }

    public boolean matches(QueuedMessage m) {
        MessageOrigin origin = m.origin();
        if (authUser != null && (origin == null || !authUser.matches(origin.saslUsername()))) {
            return false;
        }
        if (client != null && !client.matches(origin)) {
            return false;
        }
        if (subject != null && !subject.matches(m.subject())) {
            return false;
        }
        if (messageId != null && !sameMessageId(m.messageId())) {
            return false;
        }
        return headers.stream().allMatch(h -> h.matches(m));
    }

    private boolean sameMessageId(String actual) {
        return actual != null && strip(actual).equals(strip(messageId));
    }

    private static String strip(String id) {
        String t = id.strip();
        return t.startsWith("<") && t.endsWith(">") ? t.substring(1, t.length() - 1).strip() : t;
    }
}
