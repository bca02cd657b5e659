package dev.qctl.mta.postfix;

import dev.qctl.model.MessageDetails;
import dev.qctl.model.MessageOrigin;
import dev.qctl.model.OptionalFields;
import dev.qctl.mta.HeaderDetails;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code postcat -e -h -q ID...} (several messages one after the other) and keeps
 * per message only what was asked: the named attributes smtpd wrote ({@code sasl_username},
 * {@code sasl_method}, {@code client_address}, {@code client_name}, {@code helo_name},
 * {@code protocol_name}), and from the headers the Subject, Message-ID, asked fields and the uid of a
 * local submission (pickup's first {@code Received: by HOST (Postfix, from userid N)}).
 * A section starts at {@code *** ENVELOPE RECORDS queue/ID ***}; only IDs of the batch are taken as
 * such, so a header line cannot pose as the start of another message.
 */
final class PostcatDetailsParser {
    private static final Pattern SECTION = Pattern.compile("\\*\\*\\* (ENVELOPE RECORDS|MESSAGE CONTENTS|HEADER EXTRACTED|MESSAGE FILE END) (\\S+) \\*\\*\\*");
    private static final Pattern USERID = Pattern.compile("\\(Postfix, from userid (\\d{1,9})\\)");
    /** smtpd's own Received names the protocol as it was used: ESMTP plus S for TLS and A for AUTH. */
    private static final Pattern WITH = Pattern.compile("\\(Postfix\\) with ([A-Za-z0-9]+) id ");

    private final OptionalFields wanted;
    private final Set<String> batch;

    PostcatDetailsParser(OptionalFields wanted, Set<String> batch) {
        this.wanted = wanted;
        this.batch = batch;
    }

    /** Parses until the output ends, putting each message's details into {@code into} as it is complete. */
    void parse(BufferedReader reader, Map<String, MessageDetails> into) throws IOException {
        Message current = null;
        boolean inHeaders = false;
        StringBuilder field = null;
        String line;
        while ((line = reader.readLine()) != null) {
            Matcher section = line.startsWith("*** ") ? SECTION.matcher(line) : null;
            String sectionId = section != null && section.matches() ? idOf(section.group(2)) : null;
            if (sectionId != null && batch.contains(sectionId)
                    && (current == null || section.group(1).equals("ENVELOPE RECORDS") || sectionId.equals(current.id))) {
                if (field != null && current != null) {
                    current.header(field.toString());
                    field = null;
                }
                switch (section.group(1)) {
                    case "ENVELOPE RECORDS" -> {
                        if (current != null) {
                            into.put(current.id, current.details());
                        }
                        current = new Message(sectionId, new HeaderDetails(wanted));
                        inHeaders = false;
                    }
                    case "MESSAGE CONTENTS" -> inHeaders = true;
                    default -> inHeaders = false;
                }
                continue;
            }
            if (current == null) {
                continue;
            }
            if (inHeaders) {
                if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                    if (field != null) {
                        field.append('\n').append(line);
                    }
                    continue;
                }
                if (field != null) {
                    current.header(field.toString());
                }
                field = current.interesting(line) ? new StringBuilder(line) : null;
            } else if (line.startsWith("named_attribute: ")) {
                current.attribute(line.substring("named_attribute: ".length()));
            }
        }
        if (current != null) {
            if (field != null) {
                current.header(field.toString());
            }
            into.put(current.id, current.details());
        }
    }

    /** "deferred/3/374DB162573" or a bare ID: the last path element. */
    private static String idOf(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }

    private final class Message {
        final String id;
        final HeaderDetails headers;
        String saslUsername;
        String saslMethod;
        String clientAddress;
        String clientName;
        String helo;
        String protocol;
        Integer uid;
        String receivedWith;
        boolean firstHeaderSeen;

        Message(String id, HeaderDetails headers) {
            this.id = id;
            this.headers = headers;
        }

        void attribute(String nameValue) {
            int eq = nameValue.indexOf('=');
            if (eq <= 0) {
                return;
            }
            String value = nameValue.substring(eq + 1);
            if (value.isEmpty()) {
                return;
            }
            switch (nameValue.substring(0, eq)) {
                case "sasl_username" -> saslUsername = value;
                case "sasl_method" -> saslMethod = value;
                case "client_address" -> clientAddress = value;
                case "client_name" -> clientName = value;
                case "helo_name" -> helo = value;
                case "protocol_name" -> protocol = value.toUpperCase(Locale.ROOT);
                default -> {
                    // other attributes (log_*, rewrite_context, dsn_*) are not part of the origin
                }
            }
        }

        /** Whether a header field starting on this line is one to keep (cheap test on the name). */
        boolean interesting(String line) {
            if (!firstHeaderSeen) {
                return true; // the first one: pickup's Received with the uid
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return false;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            return name.equals("subject") || name.equals("message-id") || wanted.headers().contains(name);
        }

        void header(String text) {
            if (!firstHeaderSeen) {
                firstHeaderSeen = true;
                if (text.regionMatches(true, 0, "Received:", 0, 9)) {
                    Matcher m = USERID.matcher(text);
                    if (m.find() && text.substring(9).stripLeading().startsWith("by ")) {
                        uid = Integer.valueOf(m.group(1));
                    }
                    Matcher with = WITH.matcher(text.replace('\n', ' ').replace('\t', ' '));
                    if (with.find() && text.contains(" id " + id)) {
                        receivedWith = with.group(1).toUpperCase(Locale.ROOT);
                    }
                }
            }
            headers.add(text);
        }

        MessageDetails details() {
            // the queue file's protocol_name says ESMTP even for ESMTPSA: smtpd's Received is exact
            String proto = receivedWith != null && clientAddress != null ? receivedWith : protocol;
            if (proto == null && clientAddress == null && uid != null) {
                proto = "LOCAL"; // pickup (sendmail, postdrop) records no protocol
            }
            return headers.details(new MessageOrigin(saslUsername, saslMethod, clientAddress, clientName, helo,
                    proto, null, uid));
        }
    }
}
