package dev.qctl.mta.exim;

import static dev.qctl.mta.exim.EximFixtures.SPLIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EximHeaderFileParserTest {

    // --- recorded from a real Exim 4.96 (fixture split-4.96) ---

    @Test
    void freshMessageNeverAttempted() throws Exception {
        EximHeaderFile f = parse(SPLIT, "spool/input/K/1xX5fK-0003Sd-1m-H");
        assertThat(f.id()).isEqualTo("1xX5fK-0003Sd-1m");
        assertThat(f.sender()).isEqualTo("zed@example.org");
        assertThat(f.received()).isEqualTo(Instant.ofEpochSecond(1795823262, 553054000));
        assertThat(f.firstDeliveryPending()).isTrue();
        assertThat(f.frozen()).isFalse();
        assertThat(f.recipients()).containsExactly("x@example.com", "y@example.com");
        assertThat(f.nonRecipients()).isEmpty();
        assertThat(f.headers()).extracting(EximSpoolHeader::type).containsExactly('P', ' ', 'F', 'I', ' ');
    }

    @Test
    void aclVariableWithNewlinesDsnRecipientDeliveredAndDeletedHeaders() throws Exception {
        // "-aclm _multi 22" is followed by 22 bytes spanning two lines; the first recipient carries
        // DSN data ("... rfc822;Original1@Example.COM 28,12  0,-1#3"); heidi is in the tree (D);
        // "X-Remove-Me" was removed by the ACL and "To: several" rewritten: both kept as '*'.
        EximHeaderFile f = parse(SPLIT, "spool/input/Y/1xX5fY-0003Vi-1f-H");
        assertThat(f.sender()).isEqualTo("dsn-sender@example.org");
        assertThat(f.recipients()).containsExactly("dsn1@example.com", "plain@example.com", "heidi@local.test",
                "gus@greylist.test");
        assertThat(f.nonRecipients()).containsExactly("heidi@local.test");
        assertThat(f.firstDeliveryPending()).isFalse();
        assertThat(f.headers()).filteredOn(EximSpoolHeader::deleted).extracting(EximSpoolHeader::textAsString)
                .containsExactly("X-Remove-Me: please\n", "To: several\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.writeHeaders(out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Received: from root (helo=client.test)\n\tby exim.sandbox.qctl.test")
                .contains("Subject: acl, dsn, removed header\nFrom: dsn <dsn-sender@example.org>\nTo: several@sandbox.qctl.test\n")
                .doesNotContain("X-Remove-Me").doesNotContain("To: several\n")
                .endsWith("X-Added: by acl\n");
    }

    @Test
    void nullSender() throws Exception {
        EximHeaderFile f = parse(SPLIT, "spool/input/Y/1xX5fY-0003Vm-1h-H");
        assertThat(f.sender()).isEmpty();
        assertThat(f.recipients()).containsExactly("bounce-target@example.net");
    }

    @Test
    void utf8AddressesFoldedHeaderAndFrozen() throws Exception {
        EximHeaderFile f = parse(SPLIT, "spool/input/Y/1xX5fY-0003Vq-1k-H");
        assertThat(f.sender()).isEqualTo("jörg@exämple.org");
        assertThat(f.recipients()).containsExactly("ünïcode@exämple.net");
        assertThat(f.frozen()).isTrue();
        assertThat(f.headers()).extracting(EximSpoolHeader::textAsString)
                .contains("X-Folded: first part\n  second part\n\ttab part\n", "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= und Grüße\n");
    }

    @Test
    void sizeIsExactlyWhatEximCounts() throws Exception {
        // message-size.txt: `exim -be -Mset ID '$message_size'` for each message of the fixture;
        // data-sizes.txt: the -D file sizes.
        Map<String, Long> expected = EximFixtures.messageSizes(SPLIT);
        Map<String, Long> dataSizes = dataSizes(SPLIT);
        assertThat(expected).hasSize(4);
        for (String path : EximFixtures.headerFiles(SPLIT)) {
            EximHeaderFile f = EximHeaderFileParser.parse(EximFixtures.bytes(SPLIT, "spool/" + path));
            assertThat(f.messageSize(dataSizes.get(path.replace("-H", "-D")))).as(f.id()).isEqualTo(expected.get(f.id()));
        }
    }

    @Test
    void everyTruncationOfARealFileIsRefusedUnlessItEndsBetweenHeaders() throws Exception {
        byte[] whole = EximFixtures.bytes(SPLIT, "spool/input/Y/1xX5fY-0003Vi-1f-H");
        int complete = EximHeaderFileParser.parse(whole).headers().size();
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            try {
                EximHeaderFile f = EximHeaderFileParser.parse(cut);
                // Exim itself accepts a file that ends right after a whole header line.
                assertThat(f.headers().size()).as("cut at %d", length).isLessThan(complete);
                assertThat(whole[length - 1]).as("cut at %d", length).isEqualTo((byte) '\n');
            } catch (EximSpoolFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
            }
        }
    }

    // --- hand-written cases ---

    @Test
    void twentyThreeCharacterIdsOfExim497() throws Exception {
        byte[] file = HeaderFileBuilder.message("1xX5eJ-000000001hg-002t")
                .recipient("bob@example.com").header(' ', "Subject: new ids").build();
        EximHeaderFile f = EximHeaderFileParser.parse(file);
        assertThat(f.id()).isEqualTo("1xX5eJ-000000001hg-002t");
        // the -D file of a 23-character ID starts with a 26-byte line
        assertThat(f.messageSize(26 + 100)).isEqualTo(17 + 1 + 100);
    }

    @Test
    void treeWithSeveralNodes() throws Exception {
        byte[] file = HeaderFileBuilder.message("1xX5eJ-0001hg-2t")
                .treeNode("YY b@example.com").treeNode("NN a@example.com").treeNode("NY c@example.com")
                .treeNode("NN d@example.com")
                .recipient("a@example.com").recipient("b@example.com").recipient("c@example.com")
                .recipient("d@example.com").recipient("e@example.com")
                .header(' ', "Subject: x").build();
        EximHeaderFile f = EximHeaderFileParser.parse(file);
        assertThat(f.nonRecipients()).containsExactlyInAnyOrder("a@example.com", "b@example.com", "c@example.com",
                "d@example.com");
        assertThat(f.recipients()).hasSize(5);
    }

    @Test
    void recipientLinesOfEveryFormatExim4Reads() throws Exception {
        byte[] file = HeaderFileBuilder.message("1xX5eJ-0001hg-2t")
                .recipient("plain@example.com")
                .recipient("early4@example.com 3") // early Exim 4: parent number
                .recipient("exim3@example.com 0,3,0") // Exim 3
                .recipient("errorsto@example.com  0,0 owner@example.com 17,-1#3")
                .recipient("both@example.com rfc822;x@y 10,2 owner@example.com 17,5#3")
                .recipient("\"with space\"@example.com")
                .recipient("user@[192.0.2.1]")
                .recipient("user@10.0.0.1")
                .header(' ', "Subject: x").build();
        assertThat(EximHeaderFileParser.parse(file).recipients()).containsExactly(
                "plain@example.com", "early4@example.com", "exim3@example.com", "errorsto@example.com",
                "both@example.com", "\"with space\"@example.com", "user@[192.0.2.1]", "user@10.0.0.1");
    }

    @Test
    void taintedFlagLinesAndLegacyAclVariables() throws Exception {
        byte[] file = HeaderFileBuilder.message("1xX5eJ-0001hg-2t")
                .flag("--aclc _tainted 5").flag("a\nb\nc") // 5 bytes, two of them newlines
                .flag("-acl 12 3").flag("XX\n") // a value that looks like the end of the flags
                .flag("-frozen 1795823201").flag("-deliver_firsttime")
                .recipient("bob@example.com").header(' ', "Subject: x").build();
        EximHeaderFile f = EximHeaderFileParser.parse(file);
        assertThat(f.frozen()).isTrue();
        assertThat(f.firstDeliveryPending()).isTrue();
        assertThat(f.recipients()).containsExactly("bob@example.com");
    }

    @Test
    void longHeadersHaveMoreThanThreeDigits() throws Exception {
        String value = "x".repeat(5000);
        byte[] file = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("bob@example.com")
                .header(' ', "X-Long: " + value).header('*', "X-Old: " + value).build();
        EximHeaderFile f = EximHeaderFileParser.parse(file);
        assertThat(f.headers()).hasSize(2);
        assertThat(f.headerSize()).isEqualTo(8 + 5000 + 1);
    }

    @Test
    void refusesWhatEximRefuses() {
        assertRefused(new byte[0], "empty");
        assertRefused("garbage\n".getBytes(StandardCharsets.UTF_8), "not an Exim -H file");
        byte[] good = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("bob@example.com")
                .header(' ', "Subject: x").build();
        byte[] withNul = good.clone();
        withNul[withNul.length - 3] = 0;
        assertRefused(withNul, "NUL");
        String text = new String(good, StandardCharsets.UTF_8);
        assertRefused(text.replace("<alice@example.org>", "alice@example.org").getBytes(StandardCharsets.UTF_8), "sender");
        assertRefused(text.replace("1795823199 0", "yesterday").getBytes(StandardCharsets.UTF_8), "time line");
        assertRefused(text.replace("1xX5eJ-0001hg-2t-H", "1xX5eJ-0001hg-2t-D").getBytes(StandardCharsets.UTF_8), "ID-H");
        assertRefused(text.replace("\n1\nbob", "\n99999\nbob").getBytes(StandardCharsets.UTF_8), "recipient count");
        assertRefused(text.replace("XX\n", "YZ bob@example.com\n").getBytes(StandardCharsets.UTF_8), "tree");
        assertRefused(text.replace("bob@example.com\n\n", "bob@example.com\nX\n").getBytes(StandardCharsets.UTF_8),
                "blank line");
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAclLengthThatOverflowsIsRefusedNotLoopedOn() {
        // pos + LEN + 1 wrapped around to a negative number, and the cast rewound the cursor for ever.
        byte[] file = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").flag("-aclc _x 9223372036854775779").flag("v")
                .recipient("bob@example.com").header(' ', "Subject: x").build();
        assertRefused(file, "ACL variable");
    }

    @Test
    void aDsnLengthFieldThatOverflowsIsRefused() {
        // "3000000000" overflowed an int to a negative length: the address end went past the line.
        byte[] file = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("x 3000000000,0#1")
                .header(' ', "Subject: x").build();
        assertRefused(file, "recipient line");
        byte[] huge = HeaderFileBuilder.message("1xX5eJ-0001hg-2t").recipient("a@b 99999999999999999999999,0#3")
                .header(' ', "Subject: x").build();
        assertRefused(huge, "recipient line");
    }

    private static void assertRefused(byte[] data, String messagePart) {
        var assertion = assertThatThrownBy(() -> EximHeaderFileParser.parse(data)).isInstanceOf(EximSpoolFormatException.class);
        if (messagePart != null) {
            assertion.hasMessageContaining(messagePart);
        }
    }

    private static EximHeaderFile parse(String fixture, String file) throws EximSpoolFormatException {
        return EximHeaderFileParser.parse(EximFixtures.bytes(fixture, file));
    }

    static Map<String, Long> dataSizes(String fixture) {
        Map<String, Long> sizes = new java.util.HashMap<>();
        for (String line : EximFixtures.text(fixture, "data-sizes.txt").split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split(" ");
                sizes.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return sizes;
    }
}
