package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonGroupsTest {
    private static final String REFUSED = "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused";

    private static String key(String reason) {
        return ReasonGroups.key(reason);
    }

    @Test
    void suspendedDeliveryRepeatsTheEarlierReason() {
        assertThat(key("delivery temporarily suspended: " + REFUSED)).isEqualTo(key(REFUSED));
        assertThat(key("Delivery temporarily suspended:   " + REFUSED)).isEqualTo(key(REFUSED));
    }

    @Test
    void theKeyHidesTheHostButKeepsTheCause() {
        assertThat(key(REFUSED)).isEqualTo("connect to <host>: Connection refused");
    }

    @Test
    void differentHostsAndAddressesGroupTogether() {
        assertThat(key("connect to mx1.example.com[192.0.2.1]:25: Connection timed out"))
                .isEqualTo(key("connect to mx2.example.net[198.51.100.77]:25: Connection timed out"))
                .isEqualTo(key("connect to mx.example.org[2001:db8::25]:25: Connection timed out"))
                .isEqualTo(key("connect to smtp.falun.se[192.121.234.25]:25: Connection timed out"));
    }

    @Test
    void aBareIpAddressIsHiddenToo() {
        assertThat(key("lost connection with 192.0.2.1:25 while receiving the initial server greeting"))
                .isEqualTo(key("lost connection with 203.0.113.9:2525 while receiving the initial server greeting"));
    }

    @Test
    void recipientAddressesInARemoteReplyGroupTogether() {
        assertThat(key("host mx.a.test[192.0.2.1] said: 452 4.2.2 <bob@a.test>: Mailbox full (in reply to RCPT TO command)"))
                .isEqualTo(key("host mx.b.test[192.0.2.9] said: 452 4.2.2 <carol@b.test>: Mailbox full (in reply to RCPT TO command)"));
    }

    @Test
    void differentCausesStayApart() {
        assertThat(key("Greylisted, please try again later")).isNotEqualTo(key("Mailbox full"));
        assertThat(key(REFUSED)).isNotEqualTo(key("connect to 127.0.0.1[127.0.0.1]:2525: Connection timed out"));
        assertThat(key("Greylisted, please try again later")).isNotEqualTo(key(REFUSED));
    }

    @Test
    void gmailOverQuotaRepliesWithDifferentTransactionIdsGroupTogether() throws IOException {
        List<String> overQuota = reasonsOfTheProductionSample().stream()
                .filter(r -> r.contains("over quota"))
                .toList();
        assertThat(overQuota).hasSize(5).doesNotHaveDuplicates();
        assertThat(overQuota.stream().map(ReasonGroups::key).distinct()).hasSize(1);
    }

    @Test
    void anotherProvidersQuotaReplyIsAnotherGroup() throws IOException {
        List<String> reasons = reasonsOfTheProductionSample();
        String gmail = reasons.stream().filter(r -> r.contains("over quota")).findFirst().orElseThrow();
        String other = reasons.stream().filter(r -> r.contains("Quota exceeded")).findFirst().orElseThrow();
        assertThat(key(gmail)).isNotEqualTo(key(other));
    }

    @Test
    void whitespaceIsCollapsed() {
        assertThat(key("  Mailbox   full\t now ")).isEqualTo("Mailbox full now");
    }

    @Test
    void nullHasTheEmptyKey() {
        assertThat(key(null)).isEmpty();
    }

    /** The "(reason)" lines of the production sample, without their parentheses. */
    private static List<String> reasonsOfTheProductionSample() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ReasonGroupsTest.class.getResourceAsStream("/postfix/postqueue-p-production-sample.txt"),
                StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(l -> l.startsWith("(") && l.endsWith(")"))
                    .map(l -> l.substring(1, l.length() - 1)).toList();
        }
    }
}
