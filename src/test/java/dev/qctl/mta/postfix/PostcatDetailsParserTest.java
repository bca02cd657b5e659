package dev.qctl.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.MessageDetails;
import dev.qctl.model.MessageOrigin;
import dev.qctl.model.OptionalField;
import dev.qctl.model.OptionalFields;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** postcat -e -h -q over several IDs, as Postfix 3.7 prints it (recorded in the sandbox). */
class PostcatDetailsParserTest {
    /** An authenticated submission from 127.0.0.2, then a local sendmail one (uid 1001). */
    static final String RECORDED = """
            *** ENVELOPE RECORDS deferred/8/8C31A16269D ***
            message_size:             284             725               1               0             284               0
            message_arrival_time: Tue Dec  1 09:29:15 2026
            create_time: Tue Dec  1 09:29:15 2026
            named_attribute: rewrite_context=remote
            named_attribute: sasl_method=PLAIN
            named_attribute: sasl_username=alice@qctl.test
            sender: probe16@example.org
            named_attribute: log_client_name=unknown
            named_attribute: log_client_address=127.0.0.2
            named_attribute: client_name=unknown
            named_attribute: reverse_client_name=unknown
            named_attribute: client_address=127.0.0.2
            named_attribute: client_port=33881
            named_attribute: server_address=127.0.0.1
            named_attribute: server_port=25
            named_attribute: helo_name=web1.probe.test
            named_attribute: protocol_name=ESMTP
            named_attribute: client_address_type=2
            named_attribute: dsn_orig_rcpt=rfc822;probe16@example.com
            original_recipient: probe16@example.com
            recipient: probe16@example.com
            *** MESSAGE CONTENTS deferred/8/8C31A16269D ***
            Received: from web1.probe.test (unknown [127.0.0.2])
            	by sandbox.qctl.test (Postfix) with ESMTPA id 8C31A16269D
            	for <probe16@example.com>; Tue,  1 Dec 2026 09:29:15 +0000 (UTC)
            From: probe16@example.org
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=
             probe
            Message-ID: <probe16a@x>
            X-Mailer: PHPMailer 6.0
            *** HEADER EXTRACTED deferred/8/8C31A16269D ***
            *** MESSAGE FILE END deferred/8/8C31A16269D ***
            *** ENVELOPE RECORDS deferred/3/374DB162573 ***
            message_size:             260             272               1               0             260               0
            named_attribute: rewrite_context=local
            sender_fullname:\s
            sender: probe16@example.org
            recipient: probe16@example.com
            *** MESSAGE CONTENTS deferred/3/374DB162573 ***
            Received: by sandbox.qctl.test (Postfix, from userid 1001)
            	id 374DB162573; Tue,  1 Dec 2026 09:16:12 +0000 (UTC)
            Subject: *** ENVELOPE RECORDS deferred/F/FFFFFFFFFF ***
            *** ENVELOPE RECORDS deferred/F/FFFFFFFFFF ***
            Date: Tue,  1 Dec 2026 09:16:12 +0000 (UTC)
            From: probe16@example.org
            *** HEADER EXTRACTED deferred/3/374DB162573 ***
            *** MESSAGE FILE END deferred/3/374DB162573 ***
            """;

    private static Map<String, MessageDetails> parse(OptionalFields wanted, Set<String> batch) throws Exception {
        Map<String, MessageDetails> out = new HashMap<>();
        new PostcatDetailsParser(wanted, batch).parse(new BufferedReader(new StringReader(RECORDED)), out);
        return out;
    }

    private static final OptionalFields ALL = new OptionalFields(Set.of(OptionalField.values()), Set.of("X-Mailer"));

    @Test
    void anAuthenticatedSubmissionHasItsLoginClientHeloAndTheProtocolOfSmtpdsReceived() throws Exception {
        MessageDetails d = parse(ALL, Set.of("8C31A16269D", "374DB162573")).get("8C31A16269D");
        assertThat(d.origin()).isEqualTo(new MessageOrigin("alice@qctl.test", "PLAIN", "127.0.0.2", "unknown",
                "web1.probe.test", "ESMTPA", null, null));
        assertThat(d.subject()).as("RFC 2047 decoded, folding joined").isEqualTo("Grüße probe");
        assertThat(d.messageId()).isEqualTo("<probe16a@x>");
        assertThat(d.header("x-mailer")).containsExactly("PHPMailer 6.0");
    }

    @Test
    void aLocalSubmissionHasTheUidOfPickupsReceivedAndNoClient() throws Exception {
        MessageDetails d = parse(ALL, Set.of("8C31A16269D", "374DB162573")).get("374DB162573");
        assertThat(d.origin()).isEqualTo(new MessageOrigin(null, null, null, null, null, "LOCAL", null, 1001));
        assertThat(d.origin().local()).isTrue();
        assertThat(d.messageId()).as("asked but absent").isEmpty();
        assertThat(d.header("X-Mailer")).isEmpty();
    }

    @Test
    void aHeaderLineCannotStartAMessageOutsideTheBatch() throws Exception {
        Map<String, MessageDetails> d = parse(ALL, Set.of("8C31A16269D", "374DB162573"));
        assertThat(d).containsOnlyKeys("8C31A16269D", "374DB162573");
        assertThat(d.get("374DB162573").subject()).isEqualTo("*** ENVELOPE RECORDS deferred/F/FFFFFFFFFF ***");
    }

    @Test
    void onlyWhatWasAskedIsSet() throws Exception {
        MessageDetails d = parse(OptionalFields.of(OptionalField.ORIGIN), Set.of("8C31A16269D", "374DB162573"))
                .get("8C31A16269D");
        assertThat(d.subject()).isNull();
        assertThat(d.messageId()).isNull();
        assertThat(d.origin().saslUsername()).isEqualTo("alice@qctl.test");
        assertThat(d.headers()).isEmpty();
        assertThat(parse(OptionalFields.of(OptionalField.SUBJECT), Set.of("8C31A16269D")).get("8C31A16269D").origin())
                .isNull();
    }

    @Test
    void idsOutsideTheBatchAreNotTaken() throws Exception {
        assertThat(parse(ALL, Set.of("374DB162573"))).containsOnlyKeys("374DB162573");
        assertThat(List.copyOf(parse(ALL, Set.of()).keySet())).isEmpty();
    }
}
