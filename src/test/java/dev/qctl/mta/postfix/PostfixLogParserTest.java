package dev.qctl.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.LogEvent;
import dev.qctl.model.LogEventKind;
import dev.qctl.mta.LogTimestamps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Lines as Postfix 3.7 of the sandbox wrote them (src/test/resources/dev/qctl/trace), and variants. */
class PostfixLogParserTest {
    private final PostfixLogParser parser = new PostfixLogParser(
            new LogTimestamps(ZoneOffset.UTC, Instant.parse("2026-12-01T12:00:00Z")));

    static List<String> captured() throws IOException {
        try (InputStream in = PostfixLogParserTest.class.getResourceAsStream("/dev/qctl/trace/postfix-3.7-sandbox.log")) {
            return List.of(new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    @Test
    void contentFilterHandOnNamesTheNextQueueId() {
        LogEvent e = parser.parse("Dec 01 09:18:02 sandbox postfix/smtp[17759]: 09CEB16268F: to=<x@refused.mx.test>, "
                + "relay=127.0.0.1[127.0.0.1]:10025, delay=0.05, delays=0.02/0.02/0.01/0, dsn=2.0.0, "
                + "status=sent (250 2.0.0 Ok: queued as 11F09162699)");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-12-01T09:18:02Z"));
        assertThat(e.host()).isEqualTo("sandbox");
        assertThat(e.program()).isEqualTo("postfix/smtp");
        assertThat(e.queueId()).isEqualTo("09CEB16268F");
        assertThat(e.kind()).isEqualTo(LogEventKind.SENT);
        assertThat(e.recipient()).isEqualTo("x@refused.mx.test");
        assertThat(e.relay()).isEqualTo("127.0.0.1[127.0.0.1]:10025");
        assertThat(e.delay()).isEqualTo("0.05");
        assertThat(e.dsn()).isEqualTo("2.0.0");
        assertThat(e.status()).isEqualTo("sent");
        assertThat(e.reason()).isEqualTo("250 2.0.0 Ok: queued as 11F09162699");
        assertThat(e.nextQueueId()).isEqualTo("11F09162699");
    }

    @Test
    void deferralWithItsReason() {
        LogEvent e = parser.parse("Dec 01 09:18:02 sandbox postfix/mxtest/smtp[17771]: 11F09162699: to=<x@refused.mx.test>, "
                + "relay=none, delay=0.01, delays=0/0.01/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:2533: Connection refused)");
        assertThat(e.program()).isEqualTo("postfix/mxtest/smtp");
        assertThat(e.kind()).isEqualTo(LogEventKind.DEFERRED);
        assertThat(e.reason()).isEqualTo("connect to 127.0.0.1[127.0.0.1]:2533: Connection refused");
        assertThat(e.nextQueueId()).isNull();
    }

    @Test
    void everyCapturedLineAboutAMessageParses() throws IOException {
        List<LogEvent> events = captured().stream().map(parser::parse).filter(Objects::nonNull).toList();
        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(e -> assertThat(new PostfixQueueIds().isValid(e.queueId())).isTrue());
        assertThat(events).extracting(LogEvent::kind).contains(LogEventKind.RECEIVED, LogEventKind.QUEUED,
                LogEventKind.DEFERRED, LogEventKind.SENT, LogEventKind.REMOVED, LogEventKind.HELD, LogEventKind.INFO);
        // lines that are about no message are not events
        long withId = captured().stream().filter(l -> l.matches(".*postfix/[a-z/-]+\\[\\d+\\]: [0-9A-F]{6,}: .*")).count();
        assertThat(events).hasSize((int) withId);
    }

    @Test
    void receivedQueuedMessageIdRemoved() {
        assertThat(parser.parse("Dec 01 09:16:12 sandbox postfix/pickup[3883]: 374DB162573: uid=1001 from=<probe16@example.org>"))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(LogEventKind.RECEIVED);
                    assertThat(e.sender()).isEqualTo("probe16@example.org");
                });
        assertThat(parser.parse("Dec 01 09:08:35 sandbox postfix/qmgr[3884]: B90E7162551: from=<>, size=655, nrcpt=1 (queue active)"))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(LogEventKind.QUEUED);
                    assertThat(e.sender()).isEmpty();
                });
        assertThat(parser.parse("Dec 01 09:08:35 sandbox postfix/cleanup[3959]: AD6F6162549: message-id=<qctl-sample-1@sandbox.qctl.test>")
                .messageId()).isEqualTo("qctl-sample-1@sandbox.qctl.test");
        assertThat(parser.parse("Dec 01 09:18:02 sandbox postfix/qmgr[17715]: 09CEB16268F: removed").kind())
                .isEqualTo(LogEventKind.REMOVED);
    }

    /** Shapes from Postfix's documentation and common setups: rsyslog's RFC 3339 time, long IDs, bounces, expiry. */
    @Test
    void otherShapes() {
        LogEvent iso = parser.parse("2026-12-01T09:18:02.123456+00:00 mx1 postfix/smtp[2]: 4jbq6Y3nLkzC08f: to=<a@b.example>, "
                + "relay=mx.b.example[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced "
                + "(host mx.b.example[192.0.2.1] said: 550 5.1.1 <a@b.example>: User unknown (in reply to RCPT TO command))");
        assertThat(iso.queueId()).isEqualTo("4jbq6Y3nLkzC08f");
        assertThat(iso.kind()).isEqualTo(LogEventKind.BOUNCED);
        assertThat(iso.reason()).endsWith("(in reply to RCPT TO command)");
        assertThat(parser.parse("Dec  1 09:00:00 mx1 postfix/qmgr[3]: 3F2A1C4B2E: from=<a@b.example>, status=expired, returned to sender")
                .kind()).isEqualTo(LogEventKind.EXPIRED);
        assertThat(parser.parse("Dec  1 09:00:00 mx1 postfix/postsuper[3]: 3F2A1C4B2E: released from hold").kind())
                .isEqualTo(LogEventKind.RELEASED);
        assertThat(parser.parse("Dec  1 09:00:00 mx1 postfix/postsuper[3]: 3F2A1C4B2E: requeued").kind())
                .isEqualTo(LogEventKind.REQUEUED);
        LogEvent noqueue = parser.parse("Dec  1 09:00:00 mx1 postfix/smtpd[3]: NOQUEUE: reject: RCPT from x[192.0.2.9]: "
                + "554 5.7.1 <a@b.example>: Relay access denied; from=<s@x.example> to=<a@b.example> proto=ESMTP helo=<x>");
        assertThat(noqueue.queueId()).isNull();
        assertThat(noqueue.kind()).isEqualTo(LogEventKind.REJECTED);
        assertThat(parser.parse("Dec  1 09:00:00 mx1 postfix/smtpd[3]: warning: hostname x does not resolve")).isNull();
        assertThat(parser.parse("Dec  1 09:00:00 mx1 dovecot[3]: 3F2A1C4B2E: to=<x@y>")).isNull();
    }
}
