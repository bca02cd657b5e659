package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EximMsglogParserTest {

    @Test
    void recordedMsglogOfAPartlyDeliveredMessage() {
        // recorded: msglog of 1xX5fY-0003Vi-1f (split-4.96), after one real queue run
        List<String> lines = List.of(EximFixtures.text(EximFixtures.SPLIT, "spool/msglog/Y/1xX5fY-0003Vi-1f").split("\n"));
        EximMsglogParser log = EximMsglogParser.of(lines);
        assertThat(log.lastDeferReason("dsn1@example.com")).isEqualTo("Connection refused");
        assertThat(log.lastDeferReason("plain@example.com")).isEqualTo("Connection refused");
        assertThat(log.lastDeferReason("gus@greylist.test")).isEqualTo("4.7.1 Greylisted, please try again later");
        assertThat(log.lastDeferReason("heidi@local.test")).isNull(); // delivered: "... transport succeeded"
        assertThat(log.lastDeferReason("nobody@example.com")).isNull();
    }

    @Test
    void receptionAndHostLinesAreNoDeferrals() {
        EximMsglogParser log = EximMsglogParser.of(List.of(
                "2026-11-27 23:46:39 Received from alice@example.org H=(client) [127.0.0.1] P=esmtp S=619 T=\"defer (1)\"",
                "2026-11-27 23:46:41 H=127.0.0.1 [127.0.0.1] Connection refused"));
        assertThat(log.lastDeferReason("alice@example.org")).isNull();
        assertThat(log.lastDeferReason("Received")).isNull();
    }

    @Test
    void theLastDeferralWins() {
        EximMsglogParser log = EximMsglogParser.of(List.of(
                "2026-11-27 23:46:41 bob@example.com R=closed_relay T=remote_smtp defer (111): Connection refused DT=0s",
                "2026-11-27 23:46:41 bob@example.com R=closed_relay T=remote_smtp defer (-44) H=mx.example.com [192.0.2.1]:"
                        + " SMTP error from remote mail server after RCPT TO:<bob@example.com>: 452 4.2.2 Over quota"));
        assertThat(log.lastDeferReason("bob@example.com")).isEqualTo(
                "H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 452 4.2.2 Over quota");
    }

    @Test
    void childAddressesCountForTheirParents() {
        EximMsglogParser log = EximMsglogParser.of(List.of(
                "2026-11-27 23:46:41 real@example.net <alias@example.com> R=dnslookup T=remote_smtp defer (110): Connection timed out"
                        + " H=mx.example.net [192.0.2.7]"));
        assertThat(log.lastDeferReason("alias@example.com")).isEqualTo("Connection timed out H=mx.example.net [192.0.2.7]");
        assertThat(log.lastDeferReason("real@example.net")).isEqualTo("Connection timed out H=mx.example.net [192.0.2.7]");
    }

    @Test
    void timestampVariantsQuotedLocalPartsAndCase() {
        EximMsglogParser log = EximMsglogParser.of(List.of(
                "2026-11-27 23:46:41.123 +0100 \"john doe\"@example.com R=r T=t defer (-53): retry time not reached for any host",
                "2026-11-27 23:46:41 Mixed@Example.COM R=r defer (-1)",
                "2026-11-27 23:46:41 == old@example.com R=r T=t defer (111): Connection refused"));
        assertThat(log.lastDeferReason("\"john doe\"@example.com")).isEqualTo("retry time not reached for any host");
        assertThat(log.lastDeferReason("mixed@example.com")).isEqualTo("defer (-1)");
        assertThat(log.lastDeferReason("old@example.com")).isEqualTo("Connection refused");
    }

    @Test
    void ignoresLinesItDoesNotKnow() {
        EximMsglogParser log = EximMsglogParser.of(List.of("", "garbage defer (1)", "2026-11-27 23:46:41 ", "2026-11-27"));
        assertThat(log.lastDeferReason("garbage")).isNull();
    }
}
