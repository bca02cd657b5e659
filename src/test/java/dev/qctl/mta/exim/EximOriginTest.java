package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.MessageOrigin;
import dev.qctl.model.OptionalField;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The origin, subject and headers of Exim records, from the flags and headers of the -H file. */
class EximOriginTest {
    private static final OptionalFields ALL = new OptionalFields(Set.of(OptionalField.values()), Set.of("x-php-script"));

    /** As Exim 4.96 wrote it in the sandbox for an AUTH PLAIN submission from 127.0.0.2. */
    private static byte[] authenticated() {
        return HeaderFileBuilder.message("1xYKAm-0006Zp-0a")
                .flag("--helo_name web1.probe.test")
                .flag("-host_address [127.0.0.2]:52057")
                .flag("-host_auth plain_server")
                .flag("-host_auth_pubname PLAIN")
                .flag("-interface_address [127.0.0.1]:2526")
                .flag("-received_protocol esmtpa")
                .flag("--auth_id alice@qctl.test")
                .recipient("probe16@example.com")
                .header('P', "Received: from [127.0.0.2] (helo=web1.probe.test)\n\tby exim.sandbox.qctl.test with esmtpa")
                .header('*', "Subject: deleted one")
                .header(' ', "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\n probe")
                .header('I', "Message-ID: <probe16a@x>")
                .header(' ', "X-PHP-Script: www.example.com/wp-content/x.php for 192.0.2.7")
                .build();
    }

    private static QueuedMessage record(byte[] file, OptionalFields wanted) throws Exception {
        EximHeaderFile parsed = EximHeaderFileParser.parse(file);
        return new EximRecordMapper("h", w -> { }, wanted).toRecord(parsed, 100, List.of(), EximMsglogParser.of(List.of()));
    }

    @Test
    void anAuthenticatedSubmission() throws Exception {
        QueuedMessage m = record(authenticated(), ALL);
        assertThat(m.origin()).isEqualTo(new MessageOrigin("alice@qctl.test", "PLAIN", "127.0.0.2", null,
                "web1.probe.test", "ESMTPA", null, null));
        assertThat(m.subject()).as("the deleted Subject is not the message's").isEqualTo("Grüße probe");
        assertThat(m.messageId()).isEqualTo("<probe16a@x>");
        assertThat(m.details().header("X-PHP-Script")).containsExactly("www.example.com/wp-content/x.php for 192.0.2.7");
    }

    @Test
    void aLocalSubmissionNamesTheCaller() throws Exception {
        byte[] file = HeaderFileBuilder.message("1xYKAm-0006Zp-0b").owner("www-data 33 33")
                .flag("-ident www-data").flag("-received_protocol local").recipient("x@example.com")
                .header(' ', "Subject: hi").build();
        MessageOrigin o = record(file, ALL).origin();
        assertThat(o).isEqualTo(new MessageOrigin(null, null, null, null, null, "LOCAL", "www-data", 33));
        assertThat(o.local()).isTrue();
        assertThat(o.account()).isEqualTo("www-data");
    }

    @Test
    void olderEximsWriteTheAddressWithADotBeforeThePort() {
        assertThat(EximOriginFlags.address("192.0.2.1.25")).isEqualTo("192.0.2.1");
        assertThat(EximOriginFlags.address("[2001:db8::1]:587")).isEqualTo("2001:db8::1");
        assertThat(EximOriginFlags.address("2001:db8::1.587")).isEqualTo("2001:db8::1");
    }

    @Test
    void nothingAskedNothingSet() throws Exception {
        QueuedMessage m = record(authenticated(), OptionalFields.none());
        assertThat(m.origin()).isNull();
        assertThat(m.subject()).isNull();
        assertThat(m.details().headers()).isEmpty();
        QueuedMessage subjectOnly = record(authenticated(), OptionalFields.of(OptionalField.SUBJECT));
        assertThat(subjectOnly.subject()).isEqualTo("Grüße probe");
        assertThat(subjectOnly.origin()).isNull();
        assertThat(subjectOnly.messageId()).isNull();
    }
}
