package dev.qctl.mta.exim;

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

/** Lines as the sandbox's Exim 4.96 wrote them (src/test/resources/dev/qctl/trace/exim-4.96-mainlog). */
class EximLogParserTest {
    private final EximLogParser parser = new EximLogParser(
            new LogTimestamps(ZoneOffset.UTC, Instant.parse("2026-12-01T12:00:00Z")));

    private static List<String> captured() throws IOException {
        try (InputStream in = EximLogParserTest.class.getResourceAsStream("/dev/qctl/trace/exim-4.96-mainlog")) {
            return List.of(new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    @Test
    void arrival() {
        LogEvent e = parser.parse("2026-12-01 09:08:36 1xYJqm-00012S-39 <= alice@example.org H=(client.sandbox.qctl.test) "
                + "[127.0.0.1] P=esmtp S=619 id=qctl-sample-1@sandbox.qctl.test T=\"qctl sample 1\" for bob@example.com");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-12-01T09:08:36Z"));
        assertThat(e.queueId()).isEqualTo("1xYJqm-00012S-39");
        assertThat(e.kind()).isEqualTo(LogEventKind.RECEIVED);
        assertThat(e.sender()).isEqualTo("alice@example.org");
        assertThat(e.messageId()).isEqualTo("qctl-sample-1@sandbox.qctl.test");
        assertThat(parser.parse("2026-12-01 09:08:37 1xYJqn-00012V-0k <= <> H=(c) [127.0.0.1] P=esmtp S=640").sender()).isEmpty();
    }

    @Test
    void deferralsDeliveriesAndTheEnd() {
        LogEvent defer = parser.parse("2026-12-01 09:08:38 1xYJqn-00012Y-1Z == grace@full.test R=full defer (-1) DT=0s: 4.2.2 Mailbox full");
        assertThat(defer.kind()).isEqualTo(LogEventKind.DEFERRED);
        assertThat(defer.recipient()).isEqualTo("grace@full.test");
        assertThat(defer.reason()).isEqualTo("4.2.2 Mailbox full");
        assertThat(defer.delay()).isEqualTo("0s");
        assertThat(parser.parse("2026-12-01 09:08:38 1xYJqn-00012V-0k == carol@example.net R=closed_relay T=remote_smtp "
                + "defer (111): Connection refused DT=0s").reason()).isEqualTo("Connection refused");
        LogEvent local = parser.parse("2026-12-01 09:08:38 1xYJqn-00012Y-1Z => heidi <heidi@local.test> R=local_test T=local_file DT=0s");
        assertThat(local.kind()).isEqualTo(LogEventKind.SENT);
        assertThat(local.recipient()).isEqualTo("heidi@local.test");
        LogEvent remote = parser.parse("2026-12-01 10:00:00 1xYJqn-00012Y-1Z => x@ok.mx.test R=mx_test T=mx_smtp "
                + "H=127.0.0.1 [127.0.0.1] C=\"250 2.0.0 Ok: queued as 4ABC\" DT=0.1s");
        assertThat(remote.relay()).isEqualTo("127.0.0.1 [127.0.0.1]");
        assertThat(remote.reason()).isEqualTo("250 2.0.0 Ok: queued as 4ABC");
        LogEvent failed = parser.parse("2026-12-01 10:00:00 1xYJqn-00012Y-1Z ** x@blocked.mx.test R=mx_test T=mx_smtp "
                + "H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after RCPT TO:<x@blocked.mx.test>: 554 5.7.1 blocked");
        assertThat(failed.kind()).isEqualTo(LogEventKind.BOUNCED);
        assertThat(failed.reason()).isEqualTo("SMTP error from remote mail server after RCPT TO:<x@blocked.mx.test>: 554 5.7.1 blocked");
        assertThat(parser.parse("2026-12-01 10:00:01 1xYJqn-00012Y-1Z Completed").kind()).isEqualTo(LogEventKind.REMOVED);
        assertThat(parser.parse("2026-12-01 09:08:38 1xYJqo-00012h-1O frozen by root").kind()).isEqualTo(LogEventKind.HELD);
    }

    @Test
    void everyCapturedLineWithAnIdParses() throws IOException {
        List<String> lines = captured();
        List<LogEvent> events = lines.stream().map(parser::parse).filter(Objects::nonNull).toList();
        long withId = lines.stream().filter(l -> l.matches("^\\S+ \\S+ [0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2} .*")).count();
        assertThat(events).hasSize((int) withId);
        assertThat(events).extracting(LogEvent::line).allSatisfy(l -> assertThat(lines).contains(l));
    }

    @Test
    void pidAndSyslogShapes() {
        assertThat(parser.parse("2026-12-01 09:08:38 [4012] 1xYJqn-00012V-0k Completed").queueId()).isEqualTo("1xYJqn-00012V-0k");
        LogEvent syslog = parser.parse("Dec  1 09:08:38 mx1 exim[4012]: 2026-12-01 09:08:38 1xYJqn-00012V-0k Completed");
        assertThat(syslog.host()).isEqualTo("mx1");
        assertThat(syslog.kind()).isEqualTo(LogEventKind.REMOVED);
        assertThat(parser.parse("Dec  1 09:08:38 mx1 exim[4012]: 1xYJqn-0000000012V-0k0k <= a@b.example").queueId())
                .isEqualTo("1xYJqn-0000000012V-0k0k");
        assertThat(parser.parse("2026-12-01 09:08:35 exim 4.96 daemon started: pid=3900")).isNull();
        assertThat(parser.parse("Dec  1 09:08:38 mx1 postfix/qmgr[1]: 1xYJqn-00012V-0k Completed")).isNull();
    }
}
