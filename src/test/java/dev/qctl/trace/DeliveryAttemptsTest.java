package dev.qctl.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.LogEvent;
import dev.qctl.model.LogEventKind;
import dev.qctl.mta.LogTimestamps;
import dev.qctl.mta.postfix.PostfixLogParser;
import dev.qctl.output.EnvelopeWriter;
import dev.qctl.output.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryAttemptsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final PostfixLogParser parser = new PostfixLogParser(new LogTimestamps(ZoneOffset.UTC, NOW));

    private LogEvent deferred(String time, String rcpt, String relay, String reason) {
        return parser.parse("Dec 01 " + time + " mx1 postfix/smtp[1]: 3F2A1C4B2E: to=<" + rcpt + ">, relay=" + relay
                + ", delay=5, delays=0/0/5/0, dsn=4.7.0, status=deferred (" + reason + ")");
    }

    @Test
    void theSameFailureTowardsOtherHostsIsOneReason() {
        List<LogEvent> events = List.of(
                deferred("09:00:00", "bob@example.com", "mx1.example.com[192.0.2.1]:25",
                        "host mx1.example.com[192.0.2.1] refused to talk to me: 421 4.7.0 Try again later"),
                deferred("10:00:00", "bob@example.com", "mx2.example.com[192.0.2.2]:25",
                        "host mx2.example.com[192.0.2.2] refused to talk to me: 421 4.7.0 Try again later"),
                deferred("11:00:00", "bob@example.com", "mx1.example.com[192.0.2.1]:25",
                        "host mx1.example.com[192.0.2.1] refused to talk to me: 421 4.7.0 Try again later"),
                deferred("11:00:00", "eve@example.net", "none", "connect to x[192.0.2.9]:25: Connection refused"),
                deferred("11:30:00", "eve@example.net", "none", "Greylisted"));
        DeliveryAttempts attempts = DeliveryAttempts.of("/var/log/mail.log", List.of(MessageTrace.of(events)));
        assertThat(attempts.recipients()).hasSize(2);
        DeliveryAttempts.PerRecipient bob = attempts.recipients().get(0);
        assertThat(bob.attempts()).isEqualTo(3);
        assertThat(bob.first()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(bob.lastOutcome()).isEqualTo(LogEventKind.DEFERRED);
        assertThat(bob.reasons()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(3));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new EnvelopeWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8), new Terminal(false, false, 0),
                Clock.fixed(NOW, ZoneOffset.UTC)).writeAttempts(attempts);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "Attempts:   5 since 2026-12-01T09:00:00Z (3h ago), last 30m ago, from /var/log/mail.log\n"
                        + "  bob@example.com: 3 attempts, last deferred, always: host mx1.example.com[192.0.2.1] "
                        + "refused to talk to me: 421 4.7.0 Try again later\n"
                        + "  eve@example.net: 2 attempts, last deferred\n"
                        + "    1x connect to x[192.0.2.9]:25: Connection refused\n"
                        + "    1x Greylisted\n");
    }
}
