package dev.qctl.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.qctl.model.Mta;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostqueueJsonParserTest {
    private static final String CONNECTION_REFUSED = "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused";

    private final List<String> warnings = new ArrayList<>();

    private List<QueuedMessage> parse(InputStream in) {
        List<QueuedMessage> result = new ArrayList<>();
        new PostqueueJsonParser("local", warnings::add).parse(in).forEachRemaining(result::add);
        return result;
    }

    private List<QueuedMessage> parse(String text) {
        return parse(Recordings.bytes(text));
    }

    /** A minimal valid record with the given ID, as Postfix 3.7 prints it. */
    private static String record(String id) {
        return "{\"queue_name\": \"deferred\", \"queue_id\": \"" + id + "\", \"arrival_time\": 1795823363, "
                + "\"message_size\": 599, \"forced_expire\": false, \"sender\": \"alice@example.org\", "
                + "\"recipients\": [{\"address\": \"bob@example.com\", \"delay_reason\": \"" + CONNECTION_REFUSED + "\"}]}";
    }

    @Nested
    class RecordedPostfix37 {
        private final List<QueuedMessage> messages = parse(Recordings.stream(Recordings.JSON_37));
        private final java.util.Map<String, QueuedMessage> byId = messages.stream()
                .collect(Collectors.toMap(QueuedMessage::id, Function.identity()));

        @Test
        void everyRecordIsReadWithoutWarnings() {
            assertThat(messages).extracting(QueuedMessage::id).containsExactly(
                    "EDEDC161FF9", "D9060161FFB", "BA46C160279", "C43621602DE", "CDDF2161FFF", "10CFC161FF7");
            assertThat(warnings).isEmpty();
        }

        @Test
        void hostMtaAndFrozenAreFilledIn() {
            assertThat(messages).allSatisfy(m -> {
                assertThat(m.host()).isEqualTo("local");
                assertThat(m.mta()).isEqualTo(Mta.POSTFIX);
                assertThat(m.frozen()).isFalse();
            });
        }

        @Test
        void queueNamesIncludingHold() {
            assertThat(byId.get("10CFC161FF7").queue()).isEqualTo(QueueName.HOLD);
            assertThat(messages).filteredOn(m -> !m.id().equals("10CFC161FF7"))
                    .extracting(QueuedMessage::queue).containsOnly(QueueName.DEFERRED);
        }

        @Test
        void arrivalIsTheEpochSecond() {
            assertThat(byId.get("EDEDC161FF9").arrival()).isEqualTo(Instant.parse("2026-11-27T23:49:23Z"));
            assertThat(byId.get("10CFC161FF7").arrival()).isEqualTo(Instant.ofEpochSecond(1795823364L));
        }

        @Test
        void sizeInBytes() {
            assertThat(byId.get("EDEDC161FF9").size()).isEqualTo(5_297_125L);
            assertThat(byId.get("BA46C160279").size()).isEqualTo(599L);
        }

        @Test
        void mailerDaemonIsTheNullSender() {
            QueuedMessage bounce = byId.get("C43621602DE");
            assertThat(bounce.sender()).isEmpty();
            assertThat(bounce.isBounce()).isTrue();
            assertThat(messages).filteredOn(QueuedMessage::isBounce).hasSize(1);
        }

        @Test
        void utf8SenderIsKeptAsIs() {
            assertThat(byId.get("D9060161FFB").sender()).isEqualTo("jörg@exämple.org");
        }

        @Test
        void eachRecipientKeepsItsOwnDelayReason() {
            assertThat(byId.get("CDDF2161FFF").recipients())
                    .extracting(Recipient::address, Recipient::status, Recipient::reason)
                    .containsExactly(
                            tuple("frank@greylist.test", RecipientStatus.DEFERRED, "Greylisted, please try again later"),
                            tuple("grace@full.test", RecipientStatus.DEFERRED, "Mailbox full"),
                            tuple("erin@example.com", RecipientStatus.DEFERRED, CONNECTION_REFUSED));
        }

        @Test
        void singleRecipientMessage() {
            assertThat(byId.get("BA46C160279").recipients())
                    .containsExactly(new Recipient("bob@example.com", RecipientStatus.DEFERRED, CONNECTION_REFUSED));
        }
    }

    @Nested
    class HandWritten {
        @Test
        void longQueueIdsAreKept() {
            List<QueuedMessage> messages = parse(record("4jbq6Y3nLkzC08f") + "\n" + record("3F2A1C4B2E") + "\n");
            assertThat(messages).extracting(QueuedMessage::id).containsExactly("4jbq6Y3nLkzC08f", "3F2A1C4B2E");
            assertThat(warnings).isEmpty();
        }

        @Test
        void unknownMembersOfPostfix35And311AreIgnored() {
            String line = "{\"queue_name\": \"active\", \"queue_id\": \"4jbq6Y3nLkzC08f\", \"arrival_time\": 1795823363, "
                    + "\"message_size\": 1234, \"forced_expire\": true, \"sender\": \"alice@example.org\", "
                    + "\"some_future_member\": {\"nested\": [1, 2, {\"x\": null}]}, "
                    + "\"recipients\": [{\"address\": \"bob@example.com\", \"orig_address\": \"Bob@Example.COM\", "
                    + "\"delay_reason\": \"Mailbox full\", \"bounce_reason\": \"no such user\", \"other_reason\": \"x\"}]}";
            List<QueuedMessage> messages = parse(line);
            assertThat(warnings).isEmpty();
            assertThat(messages).singleElement().satisfies(m -> {
                assertThat(m.queue()).isEqualTo(QueueName.ACTIVE);
                assertThat(m.size()).isEqualTo(1234);
                assertThat(m.recipients()).containsExactly(
                        new Recipient("bob@example.com", RecipientStatus.DEFERRED, "Mailbox full"));
            });
        }

        @Test
        void aRecipientWithoutDelayReasonIsPending() {
            String line = record("ABC123DEF").replace(", \"delay_reason\": \"" + CONNECTION_REFUSED + "\"", "");
            assertThat(parse(line)).singleElement().satisfies(m -> assertThat(m.recipients())
                    .containsExactly(new Recipient("bob@example.com", RecipientStatus.PENDING, null)));
        }

        @Test
        void aNullDelayReasonIsNoReason() {
            String line = record("ABC123DEF").replace("\"" + CONNECTION_REFUSED + "\"", "null");
            assertThat(parse(line)).singleElement()
                    .satisfies(m -> assertThat(m.recipients().get(0).reason()).isNull());
        }

        @Test
        void aRecordWithoutRecipientsHasNone() {
            String line = "{\"queue_name\": \"maildrop\", \"queue_id\": \"ABC123DEF\", \"arrival_time\": 1, "
                    + "\"message_size\": 0, \"sender\": \"alice@example.org\"}";
            assertThat(parse(line)).singleElement().satisfies(m -> {
                assertThat(m.queue()).isEqualTo(QueueName.MAILDROP);
                assertThat(m.recipients()).isEmpty();
            });
        }

        @Test
        void aRecordThatDoesNotParseIsReportedOnceAndTheRestIsStillListed() {
            String text = record("AAAAAA1") + "\n"
                    + "{\"queue_name\": \"deferred\", \"queue_id\": \"BBBBBB2\", \"arriv\n"
                    + record("CCCCCC3") + "\n";
            List<QueuedMessage> messages = parse(text);
            assertThat(messages).extracting(QueuedMessage::id).containsExactly("AAAAAA1", "CCCCCC3");
            assertThat(warnings).singleElement().asString()
                    .startsWith("skipped a postqueue record that does not parse (line 2): ")
                    .doesNotContain("\n");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "not json at all",
            "[1, 2, 3]",
            "{\"queue_name\": \"deferred\", \"queue_id\": \"ABC123DEF\", \"message_size\": 1, \"sender\": \"a@b\"}",
            "{\"queue_name\": \"deferred\", \"queue_id\": \"ABC123DEF\", \"arrival_time\": \"yesterday\", \"message_size\": 1, \"sender\": \"a@b\"}",
            "{\"queue_name\": \"deferred\", \"queue_id\": 12345, \"arrival_time\": 1, \"message_size\": 1, \"sender\": \"a@b\"}",
            "{\"queue_name\": \"corrupt\", \"queue_id\": \"ABC123DEF\", \"arrival_time\": 1, \"message_size\": 1, \"sender\": \"a@b\"}",
            "{\"queue_name\": \"deferred\", \"queue_id\": \"ABC123DEF\", \"arrival_time\": 1, \"message_size\": 1, \"sender\": \"a@b\", \"recipients\": [{\"delay_reason\": \"x\"}]}",
        })
        void anInvalidRecordBetweenTwoGoodOnesIsSkippedWithOneWarning(String bad) {
            List<QueuedMessage> messages = parse(record("AAAAAA1") + "\n" + bad + "\n" + record("CCCCCC3") + "\n");
            assertThat(messages).extracting(QueuedMessage::id).containsExactly("AAAAAA1", "CCCCCC3");
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("(line 2)").doesNotContain("\n");
        }

        /**
         * An arrival time outside what {@link Instant} can hold makes {@code Instant.ofEpochSecond} throw a
         * {@code DateTimeException}, which the parser does not catch: the whole listing dies instead of
         * skipping one record.
         */
        @Test
        void anArrivalTimeOutOfRangeIsOneBadRecordNotAFailedListing() {
            String bad = record("BBBBBB2").replace("1795823363", "99999999999999999");
            List<QueuedMessage> messages = parse(record("AAAAAA1") + "\n" + bad + "\n" + record("CCCCCC3") + "\n");
            assertThat(messages).extracting(QueuedMessage::id).containsExactly("AAAAAA1", "CCCCCC3");
            assertThat(warnings).singleElement().asString().contains("(line 2)");
        }

        @Test
        void controlCharactersInTheWarningAreMadeVisible() {
            parse("\u001b[2J{broken\n");
            assertThat(warnings).singleElement().asString().doesNotContain("\u001b");
        }

        @Test
        void emptyInputHasNoRecords() {
            Iterator<QueuedMessage> it = new PostqueueJsonParser("local", warnings::add).parse(Recordings.bytes(""));
            assertThat(it.hasNext()).isFalse();
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
            assertThat(warnings).isEmpty();
        }

        @Test
        void blankLinesAreSkippedSilentlyButCountedForLineNumbers() {
            String text = "\n   \n" + record("AAAAAA1") + "\n\n\t\n" + record("BBBBBB2") + "\n\n{oops\n\n";
            List<QueuedMessage> messages = parse(text);
            assertThat(messages).extracting(QueuedMessage::id).containsExactly("AAAAAA1", "BBBBBB2");
            assertThat(warnings).singleElement().asString().contains("(line 8)");
        }

        @Test
        void hasNextIsIdempotentAndNextWorksWithoutHasNext() {
            Iterator<QueuedMessage> it = new PostqueueJsonParser("mx1", warnings::add)
                    .parse(Recordings.bytes(record("AAAAAA1") + "\n" + record("BBBBBB2")));
            assertThat(it.hasNext()).isTrue();
            assertThat(it.hasNext()).isTrue();
            assertThat(it.next().id()).isEqualTo("AAAAAA1");
            QueuedMessage second = it.next();
            assertThat(second.id()).isEqualTo("BBBBBB2");
            assertThat(second.host()).isEqualTo("mx1");
            assertThat(it.hasNext()).isFalse();
        }

        @Test
        void eachRecordIsReturnedBeforeTheNextLineArrives() throws IOException {
            PipedOutputStream postqueue = new PipedOutputStream();
            Iterator<QueuedMessage> it = new PostqueueJsonParser("local", warnings::add)
                    .parse(new PipedInputStream(postqueue, 1 << 16));
            postqueue.write((record("AAAAAA1") + "\n").getBytes(StandardCharsets.UTF_8));
            assertThat(it.next().id()).isEqualTo("AAAAAA1");
            postqueue.write((record("BBBBBB2") + "\r\n" + record("CCCCCC3")).getBytes(StandardCharsets.UTF_8));
            postqueue.close();
            assertThat(it.next().id()).isEqualTo("BBBBBB2");
            assertThat(it.next().id()).isEqualTo("CCCCCC3");
            assertThat(it.hasNext()).isFalse();
        }

        @Test
        void aLineLongerThanTheBufferIsOneRecord() {
            StringBuilder line = new StringBuilder(record("AAAAAA1"));
            String many = IntStream.range(0, 5000).mapToObj(i -> "{\"address\": \"rcpt" + i + "@example.com\"}")
                    .collect(Collectors.joining(", ", "\"recipients\": [", "]"));
            line.replace(line.indexOf("\"recipients\""), line.length() - 1, many);
            List<QueuedMessage> messages = parse(line + "\n" + record("BBBBBB2") + "\n");
            assertThat(messages).extracting(QueuedMessage::id).containsExactly("AAAAAA1", "BBBBBB2");
            assertThat(messages.get(0).recipients()).hasSize(5000)
                    .last().extracting(Recipient::address).isEqualTo("rcpt4999@example.com");
        }

        @Test
        void bytesThatAreNotUtf8AreReadAsReplacementCharactersNotSkipped() {
            byte[] good = record("AAAAAA1").getBytes(StandardCharsets.UTF_8);
            byte[] bad = record("BBBBBB2").replace("alice", "al\u00ffce").getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[good.length + bad.length + 1];
            System.arraycopy(good, 0, all, 0, good.length);
            all[good.length] = '\n';
            System.arraycopy(bad, 0, all, good.length + 1, bad.length);
            List<QueuedMessage> messages = parse(new java.io.ByteArrayInputStream(all));
            assertThat(messages).extracting(QueuedMessage::sender).containsExactly("alice@example.org", "al\ufffdce@example.org");
            assertThat(warnings).isEmpty();
        }

        @Test
        void recipientsWaitingForTheSameReasonShareOneString() {
            List<QueuedMessage> messages = parse(record("AAAAAA1") + "\n" + record("BBBBBB2") + "\n"
                    + record("CCCCCC3").replace(CONNECTION_REFUSED, "Mailbox full") + "\n");
            assertThat(messages.get(1).firstReason()).isEqualTo(CONNECTION_REFUSED)
                    .isSameAs(messages.get(0).firstReason());
            assertThat(messages.get(2).firstReason()).isEqualTo("Mailbox full");
        }

        @Test
        void aRepeatedMemberCountsLastAsInAJsonTree() {
            String line = record("AAAAAA1").replace("\"message_size\": 599", "\"message_size\": 1, \"message_size\": 599");
            assertThat(parse(line)).singleElement().extracting(QueuedMessage::size).isEqualTo(599L);
        }
    }

}
