package dev.qctl.model;

import java.util.List;
import java.util.Map;

/**
 * The optional part of a record: present only for what was asked ({@link OptionalFields}); every
 * member is null when it was not fetched. A fetched Subject or Message-ID that the message lacks is "".
 *
 * @param subject   the Subject header, RFC 2047 decoded
 * @param messageId the Message-ID header as written (angle brackets included)
 * @param origin    who submitted it
 * @param headers   the values of the header fields asked by name (lower-cased names; unfolded values)
 */
public record MessageDetails(String subject, String messageId, MessageOrigin origin, Map<String, List<String>> headers) {
    public static final MessageDetails NONE = new MessageDetails(null, null, null, Map.of());

    public MessageDetails {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The values of one header field (name in any case), empty when it was not fetched or is absent. */
    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }
}
