package dev.qctl.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReplyTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Postfix: the reply after "said:", a multi-line reply folded into one
        "host mx.example[192.0.2.7] said: 452-4.2.2 The account is over quota. 452 4.2.2 see https://x (in reply to RCPT TO command)|452|4.2.2",
        // Exim: the reply after the command it answered
        "SMTP error from remote mail server after RCPT TO:<a@b.example>: 421 4.7.0 Too many connections|421|4.7.0",
        // a 5xx greeting
        "host 127.0.0.1[127.0.0.1] refused to talk to me: 554 5.7.1 Service unavailable|554|5.7.1",
        // retry:/error: transports and Exim :defer: give only the enhanced code
        "4.7.1 Greylisted, please try again later|0|4.7.1",
        // a reply code with no enhanced code
        "host mx[192.0.2.1] said: 450 Requested action aborted (in reply to RCPT TO command)|450|",
        // addresses, ports and errno are not codes
        "connect to 192.0.2.25[192.0.2.25]:2525: Connection refused|0|",
        "T=remote_smtp defer (111): Connection refused|0|",
        "connect to smtp.falun.se[192.121.234.25]:25: Connection timed out|0|",
        "host 10.5.4.2[10.5.4.2]:465 said: 550 5.1.1 unknown|550|5.1.1",
    })
    void findsTheReplyCodeAndTheEnhancedCode(String reason, int code, String enhanced) {
        ReplyText r = ReplyText.parse(reason);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.enhanced()).isEqualTo(enhanced);
    }

    @Test
    void postfixSuspensionPrefixIsDropped() {
        ReplyText r = ReplyText.parse("delivery temporarily suspended: connect to x[192.0.2.1]:25: Connection refused");
        assertThat(r.text()).isEqualTo("connect to x[192.0.2.1]:25: Connection refused");
    }

    @Test
    void statusClassPrefersTheEnhancedCode() {
        assertThat(ReplyText.parse("said: 550 4.2.2 odd server").statusClass()).isEqualTo(4);
        assertThat(ReplyText.parse("said: 550 mailbox unavailable").statusClass()).isEqualTo(5);
        assertThat(ReplyText.parse("Connection refused").statusClass()).isZero();
        assertThat(ReplyText.parse("4.2.2 Mailbox full").subjectDetail()).isEqualTo("2.2");
    }

    @Test
    void leadingZerosInTheEnhancedCodeAreNormalised() {
        assertThat(ReplyText.parse("said: 451 4.07.001 odd").enhanced()).isEqualTo("4.7.1");
    }

    @Test
    void nullAndEmptyReasonsParse() {
        assertThat(ReplyText.parse(null).code()).isZero();
        assertThat(ReplyText.parse("").enhanced()).isNull();
    }
}
