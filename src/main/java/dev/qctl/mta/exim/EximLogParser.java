package dev.qctl.mta.exim;

import dev.qctl.model.LogEvent;
import dev.qctl.model.LogEventKind;
import dev.qctl.mta.LogLineParser;
import dev.qctl.mta.LogTimestamps;
import dev.qctl.mta.SyslogLine;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exim's main log ({@code TIME [PID] ID FLAG ADDRESS FIELDS}), verified on Exim 4.96; also its lines
 * through syslog ({@code … exim[PID]: ID …}, with or without Exim's own time after the tag):
 * <pre>
 *   2026-12-01 09:08:36 1xYJqm-00012S-39 &lt;= alice@example.org H=(client) [127.0.0.1] P=esmtp S=619 id=qctl-sample-1@x T="…" for bob@example.com
 *   2026-12-01 09:08:38 1xYJqn-00012V-0k == carol@example.net R=closed_relay T=remote_smtp defer (111): Connection refused DT=0s
 *   2026-12-01 09:08:38 1xYJqn-00012Y-1Z => heidi &lt;heidi@local.test&gt; R=local_test T=local_file DT=0s
 *   2026-12-01 09:08:38 1xYJqn-00012Y-1Z ** x@y R=r T=t H=mx [192.0.2.1]: SMTP error from remote mail server after RCPT TO:&lt;x@y&gt;: 550 …
 *   2026-12-01 09:08:39 1xYJqn-00012Y-1Z Completed
 * </pre>
 * {@code =>} is a delivery, {@code ->} one more address of it, {@code >>} a cutthrough delivery,
 * {@code *>} a delivery suppressed by -N, {@code **} a failure (bounce), {@code ==} a deferral.
 */
public final class EximLogParser implements LogLineParser {
    private static final Pattern PID = Pattern.compile("^\\[\\d+\\] ");
    private static final Pattern DEFER = Pattern.compile(" defer \\((-?\\d+)\\)");
    private static final Pattern TIMING = Pattern.compile("(?:^| )DT=\\S+");
    private static final Pattern HOST = Pattern.compile(" H=(\\S+(?: \\[[^\\]]*\\])?)");

    private final LogTimestamps stamps;

    public EximLogParser(LogTimestamps stamps) {
        this.stamps = stamps;
    }

    @Override
    public LogEvent parse(String line) {
        LogTimestamps.Stamp own = stamps.parse(line);
        Instant time;
        String host = null;
        String program = "exim";
        int at;
        if (own != null && own.end() < line.length() && isIdStart(line, own.end())) {
            time = own.time();
            at = own.end();
        } else {
            SyslogLine frame = SyslogLine.parse(line, stamps);
            if (frame == null || !frame.program().startsWith("exim")) {
                return null;
            }
            time = frame.time();
            host = frame.host();
            program = frame.program();
            at = frame.message();
            LogTimestamps.Stamp inner = stamps.parse(line.substring(at));
            if (inner != null) {
                time = inner.time();
                at += inner.end();
            }
        }
        Matcher pid = PID.matcher(line).region(at, line.length());
        if (pid.lookingAt()) {
            at = pid.end();
        }
        int idEnd = line.indexOf(' ', at);
        String id = idEnd < 0 ? line.substring(at) : line.substring(at, idEnd);
        if (!EximQueueIds.INSTANCE.isValid(id)) {
            return null;
        }
        String text = idEnd < 0 ? "" : line.substring(idEnd + 1);
        return event(time, host, program, id, text, line);
    }

    private static boolean isIdStart(String line, int at) {
        int end = line.indexOf(' ', at);
        return EximQueueIds.INSTANCE.isValid(end < 0 ? line.substring(at) : line.substring(at, end))
                || line.startsWith("[", at);
    }

    private static LogEvent event(Instant time, String host, String program, String id, String text, String line) {
        String flag = text.length() >= 3 && text.charAt(2) == ' ' ? text.substring(0, 2) : "";
        String rest = flag.isEmpty() ? text : text.substring(3);
        String address = flag.isEmpty() ? null : firstWord(rest);
        LogEventKind kind;
        String sender = null;
        String recipient = null;
        String status = null;
        String reason = null;
        String messageId = null;
        switch (flag) {
            case "<=":
                kind = LogEventKind.RECEIVED;
                sender = "<>".equals(address) ? "" : address;
                messageId = fieldValue(rest, " id=");
                break;
            case "=>", "->", ">>":
                kind = LogEventKind.SENT;
                recipient = originalAddress(rest, address);
                status = "sent";
                reason = quoted(fieldValue(rest, " C="));
                break;
            case "**":
                kind = LogEventKind.BOUNCED;
                recipient = address;
                status = "bounced";
                int colon = rest.indexOf(": ");
                reason = colon >= 0 ? rest.substring(colon + 2) : null;
                break;
            case "==":
                kind = LogEventKind.DEFERRED;
                recipient = address;
                status = "deferred";
                reason = deferReason(rest);
                break;
            default:
                kind = otherKind(text);
                break;
        }
        String relay = null;
        if (kind.isAttempt()) {
            Matcher h = HOST.matcher(rest);
            relay = h.find() ? h.group(1) : null;
        }
        String delay = kind.isAttempt() ? fieldValue(rest, " DT=") : null;
        if (delay != null && delay.endsWith(":")) {
            delay = delay.substring(0, delay.length() - 1); // "DT=0s: 4.2.2 Mailbox full"
        }
        return new LogEvent(time, host, id, program, kind, sender, recipient, relay, delay, null, status, reason,
                messageId, null, text, line);
    }

    private static LogEventKind otherKind(String text) {
        if (text.equals("Completed") || text.startsWith("Completed ")) {
            return LogEventKind.REMOVED;
        }
        if (text.startsWith("frozen") || text.startsWith("Frozen")) {
            return LogEventKind.HELD;
        }
        if (text.startsWith("unfrozen")) {
            return LogEventKind.RELEASED;
        }
        if (text.startsWith("removed by") || text.startsWith("removed")) {
            return LogEventKind.REMOVED;
        }
        if (text.startsWith("rejected ") || text.startsWith("H=") && text.contains(" rejected ")) {
            return LogEventKind.REJECTED;
        }
        return LogEventKind.INFO;
    }

    /**
     * The envelope recipient of a delivery: {@code => heidi <heidi@local.test>} names the routed
     * address first and the one the message was sent to in angle brackets.
     */
    private static String originalAddress(String rest, String address) {
        int after = address.length();
        if (rest.startsWith(" <", after)) {
            int close = rest.indexOf('>', after + 2);
            if (close > 0) {
                return rest.substring(after + 2, close);
            }
        }
        return address;
    }

    private static String firstWord(String text) {
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }

    /** The value after {@code name} up to the next space (a quoted value up to its closing quote). */
    private static String fieldValue(String text, String name) {
        int at = text.indexOf(name);
        if (at < 0) {
            return null;
        }
        int start = at + name.length();
        if (start < text.length() && text.charAt(start) == '"') {
            int close = text.indexOf('"', start + 1);
            return close < 0 ? text.substring(start) : text.substring(start, close + 1);
        }
        int end = text.indexOf(' ', start);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    private static String quoted(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** What follows {@code defer (N)} without the DT= timing, or {@code defer (N)} itself. */
    private static String deferReason(String rest) {
        Matcher defer = DEFER.matcher(rest);
        if (!defer.find()) {
            return null;
        }
        String reason = TIMING.matcher(rest.substring(defer.end())).replaceAll("").strip();
        while (reason.startsWith(":")) {
            reason = reason.substring(1).strip();
        }
        return reason.isEmpty() ? "defer (" + defer.group(1) + ")" : reason;
    }
}
