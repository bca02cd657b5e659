package dev.qctl.mta.postfix;

import dev.qctl.model.LogEvent;
import dev.qctl.model.LogEventKind;
import dev.qctl.mta.LogLineParser;
import dev.qctl.mta.LogTimestamps;
import dev.qctl.mta.SyslogLine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix's log lines ({@code TIME HOST postfix/DAEMON[PID]: QUEUEID: TEXT}), verified on Postfix
 * 3.7's maillog_file and as syslog writes them:
 * <pre>
 *   … postfix/smtpd[3956]: AD6F6162549: client=localhost[127.0.0.1]
 *   … postfix/cleanup[3959]: AD6F6162549: message-id=&lt;qctl-sample-1@sandbox.qctl.test&gt;
 *   … postfix/qmgr[3884]: AD6F6162549: from=&lt;alice@example.org&gt;, size=599, nrcpt=1 (queue active)
 *   … postfix/smtp[3960]: AD6F6162549: to=&lt;bob@example.com&gt;, relay=none, delay=0.01, delays=…, dsn=4.4.1, status=deferred (connect to …)
 *   … postfix/smtp[17759]: 09CEB16268F: to=&lt;x@y&gt;, relay=127.0.0.1[127.0.0.1]:10025, …, status=sent (250 2.0.0 Ok: queued as 11F09162699)
 *   … postfix/qmgr[3884]: AD6F6162549: removed
 * </pre>
 * A syslog_name of one's own ({@code postfix/filter-in/smtpd}, {@code postfix-out/smtp}) is still Postfix.
 */
public final class PostfixLogParser implements LogLineParser {
    private static final PostfixQueueIds IDS = new PostfixQueueIds();
    private static final Pattern ANGLE = Pattern.compile("<([^>]*)>");
    private static final Pattern QUEUED_AS = Pattern.compile("queued as ([0-9A-Za-z]+)");

    private final LogTimestamps stamps;

    public PostfixLogParser(LogTimestamps stamps) {
        this.stamps = stamps;
    }

    @Override
    public LogEvent parse(String line) {
        SyslogLine frame = SyslogLine.parse(line, stamps);
        if (frame == null || !frame.program().startsWith("postfix")) {
            return null;
        }
        String message = line.substring(frame.message());
        int colon = message.indexOf(": ");
        String queueId = colon > 0 ? message.substring(0, colon) : null;
        if (queueId != null && !IDS.isValid(queueId)) {
            if (!queueId.equals("NOQUEUE")) {
                return null; // "warning: …", "connect from …": not about one message
            }
            queueId = null;
        }
        if (queueId == null && !message.startsWith("NOQUEUE: ")) {
            return null;
        }
        String text = message.substring(colon + 2);
        return event(frame, queueId, text, line);
    }

    private static LogEvent event(SyslogLine frame, String queueId, String text, String line) {
        LogEventKind kind = LogEventKind.INFO;
        String sender = null;
        String recipient = null;
        String relay = null;
        String delay = null;
        String dsn = null;
        String status = null;
        String reason = null;
        String messageId = null;
        String next = null;
        if (text.startsWith("to=<")) {
            recipient = angle(text, 3);
            relay = field(text, "relay=");
            delay = field(text, "delay=");
            dsn = field(text, "dsn=");
            status = field(text, "status=");
            reason = parenthesized(text, text.indexOf(" (", text.indexOf("status=")));
            kind = statusKind(status);
            if (kind == LogEventKind.SENT && reason != null) {
                Matcher m = QUEUED_AS.matcher(reason);
                String found = null;
                while (m.find()) {
                    found = m.group(1);
                }
                next = IDS.isValid(found) ? found : null;
            }
        } else if (text.startsWith("from=<")) {
            sender = angle(text, 5);
            status = field(text, "status=");
            kind = "expired".equals(status) ? LogEventKind.EXPIRED : LogEventKind.QUEUED;
        } else if (text.startsWith("client=") || text.startsWith("uid=")) {
            kind = LogEventKind.RECEIVED;
            int from = text.indexOf("from=<");
            sender = from >= 0 ? angle(text, from + 5) : null;
        } else if (text.startsWith("message-id=") || text.startsWith("resent-message-id=")) {
            String value = text.substring(text.indexOf('=') + 1).strip();
            messageId = value.startsWith("<") && value.endsWith(">") ? value.substring(1, value.length() - 1) : value;
            messageId = messageId.isEmpty() ? null : messageId;
        } else if (text.equals("removed")) {
            kind = LogEventKind.REMOVED;
        } else if (text.equals("placed on hold")) {
            kind = LogEventKind.HELD;
        } else if (text.equals("released from hold")) {
            kind = LogEventKind.RELEASED;
        } else if (text.equals("requeued")) {
            kind = LogEventKind.REQUEUED;
        } else if (text.startsWith("reject: ") || text.startsWith("milter-reject: ") || queueId == null) {
            kind = LogEventKind.REJECTED;
            reason = text;
        }
        return new LogEvent(frame.time(), frame.host(), queueId, frame.program(), kind, sender, recipient, relay,
                delay, dsn, status, reason, messageId, next, text, line);
    }

    private static LogEventKind statusKind(String status) {
        if (status == null) {
            return LogEventKind.INFO;
        }
        switch (status) {
            case "sent":
                return LogEventKind.SENT;
            case "deferred":
                return LogEventKind.DEFERRED;
            case "bounced":
                return LogEventKind.BOUNCED;
            case "expired":
                return LogEventKind.EXPIRED;
            default:
                return LogEventKind.INFO; // "undeliverable"/"deliverable" of address probes
        }
    }

    /** The address in {@code <…>} at {@code at} ("" for {@code <>}). */
    private static String angle(String text, int at) {
        Matcher m = ANGLE.matcher(text);
        return m.find(at) && m.start() == at ? m.group(1) : null;
    }

    /** The value of {@code name} up to the next comma or space, or null. */
    private static String field(String text, String name) {
        int at = text.indexOf(", " + name);
        if (at < 0) {
            return null;
        }
        int start = at + 2 + name.length();
        int end = start;
        while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != ' ') {
            end++;
        }
        return text.substring(start, end);
    }

    /** The text in the parentheses that start at {@code open} (a " (" ) up to the last ")". */
    private static String parenthesized(String text, int open) {
        if (open < 0) {
            return null;
        }
        int close = text.lastIndexOf(')');
        return close > open + 2 ? text.substring(open + 2, close) : null;
    }
}
