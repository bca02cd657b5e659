package dev.qctl.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.io.BufferedReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostqueueTextParserTest {
    private static final String CONNECTION_REFUSED = "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused";
    /** Shortly after the local recording was made (2026-11-27 23:49 UTC, a Friday). */
    private static final Instant RECORDED = Instant.parse("2026-11-28T00:00:00Z");
    private static final String HEADING = "-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n";

    private final List<String> warnings = new ArrayList<>();

    private List<QueuedMessage> parse(BufferedReader reader, Instant now, ZoneId zone) {
        List<QueuedMessage> result = new ArrayList<>();
        new PostqueueTextParser("local", warnings::add, Clock.fixed(now, ZoneOffset.UTC), zone)
                .parse(reader).forEachRemaining(result::add);
        return result;
    }

    private List<QueuedMessage> parse(String text, Instant now) {
        return parse(Recordings.reader(text), now, ZoneOffset.UTC);
    }

    private List<QueuedMessage> parse(String text) {
        return parse(text, RECORDED);
    }

    private static Map<String, QueuedMessage> byId(List<QueuedMessage> messages) {
        return messages.stream().collect(Collectors.toMap(QueuedMessage::id, Function.identity()));
    }

    @Nested
    class RecordedPostfix37 {
        private final List<QueuedMessage> messages =
                parse(Recordings.open(Recordings.TEXT_37), RECORDED, ZoneOffset.UTC);

        @Test
        void everyEntryIsReadWithoutWarnings() {
            assertThat(messages).extracting(QueuedMessage::id).containsExactly(
                    "EDEDC161FF9", "D9060161FFB", "BA46C160279", "C43621602DE", "CDDF2161FFF", "10CFC161FF7");
            assertThat(warnings).isEmpty();
        }

        @Test
        void theHoldMarkIsTheHoldQueue() {
            Map<String, QueuedMessage> m = byId(messages);
            assertThat(m.get("10CFC161FF7").queue()).isEqualTo(QueueName.HOLD);
            assertThat(m.get("BA46C160279").queue()).isEqualTo(QueueName.DEFERRED);
        }

        @Test
        void reasonLinesApplyToTheRecipientsAfterThem() {
            assertThat(byId(messages).get("CDDF2161FFF").recipients())
                    .extracting(Recipient::address, Recipient::reason)
                    .containsExactly(
                            tuple("frank@greylist.test", "Greylisted, please try again later"),
                            tuple("grace@full.test", "Mailbox full"),
                            tuple("erin@example.com", CONNECTION_REFUSED));
        }

        @Test
        void nullSenderAndUtf8Sender() {
            Map<String, QueuedMessage> m = byId(messages);
            assertThat(m.get("C43621602DE").sender()).isEmpty();
            assertThat(m.get("D9060161FFB").sender()).isEqualTo("jörg@exämple.org");
        }

        @Test
        void theListingAgreesWithPostqueueJsonOfTheSameQueue() {
            List<QueuedMessage> json = new ArrayList<>();
            new PostqueueJsonParser("local", warnings::add).parse(Recordings.stream(Recordings.JSON_37))
                    .forEachRemaining(json::add);
            assertThat(messages).isEqualTo(json);
        }

        /**
         * With {@code enable_long_queue_ids = yes} Postfix prints another heading ({@code ----Queue ID-----})
         * and wider columns. The parser only knows the short heading: it warns about the heading and, because
         * the first entry follows the heading without a blank line, throws the first message away.
         */
        @Test
        void theLongIdLayoutOfPostfixIsReadToo() {
            List<QueuedMessage> longLayout = parse(Recordings.open(Recordings.TEXT_37_LONG_LAYOUT), RECORDED,
                    ZoneOffset.UTC);
            assertThat(longLayout).extracting(QueuedMessage::id)
                    .containsExactlyElementsOf(messages.stream().map(QueuedMessage::id).toList());
            assertThat(longLayout).isEqualTo(messages);
            assertThat(warnings).isEmpty();
        }
    }

    @Nested
    class ProductionSample {
        private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
        private final List<QueuedMessage> messages =
                parse(Recordings.open(Recordings.PRODUCTION_SAMPLE), NOW, ZoneOffset.UTC);

        @Test
        void everyEntryIsRead() {
            assertThat(messages).hasSize(24);
            assertThat(warnings).isEmpty();
            assertThat(messages).extracting(QueuedMessage::sender).containsOnly("sender@example.com");
            assertThat(messages).allSatisfy(m -> assertThat(m.recipients()).hasSize(1));
        }

        @Test
        void starredEntriesAreActiveTheOthersDeferred() {
            assertThat(messages).filteredOn(m -> m.queue() == QueueName.ACTIVE).hasSize(16);
            assertThat(messages).filteredOn(m -> m.queue() == QueueName.DEFERRED).hasSize(8);
            assertThat(byId(messages).get("C420820802").queue()).isEqualTo(QueueName.ACTIVE);
            assertThat(byId(messages).get("0572820D64").queue()).isEqualTo(QueueName.DEFERRED);
        }

        @Test
        void activeEntriesWithoutReasonLineHavePendingRecipients() {
            assertThat(byId(messages).get("C420820802").recipients())
                    .containsExactly(new Recipient("recipient@lerum.se", RecipientStatus.PENDING, null));
        }

        @Test
        void aReasonStartingInColumnZeroIsRead() {
            assertThat(byId(messages).get("0572820D64").recipients()).singleElement().satisfies(r -> {
                assertThat(r.address()).isEqualTo("recipient@stahlstierna.se");
                assertThat(r.reason()).isEqualTo("host mail.wekudata.com[37.208.0.7] said: 452 4.2.2 Quota exceeded "
                        + "(rehanna@stahlstierna.se) (in reply to RCPT TO command)");
            });
        }

        @Test
        void aMultiLineSmtpReplyFoldedIntoOneReasonIsKeptWhole() {
            assertThat(byId(messages).get("0B2C320952").recipients().get(0).reason()).isEqualTo(
                    "host alt1.gmail-smtp-in.l.google.com[108.177.97.26] said: 452-4.2.2 The email account that you "
                            + "tried to reach is over quota. Please direct 452-4.2.2 the recipient to 452 4.2.2  "
                            + "https://support.google.com/mail/?p=OverQuotaTemp q24si6538316pgt.498 - gsmtp "
                            + "(in reply to RCPT TO command)");
        }

        @Test
        void rightAlignedReasonsAtDifferentIndentations() {
            assertThat(byId(messages).get("00C33202B6").recipients().get(0).reason())
                    .isEqualTo("connect to gafe.se[151.252.30.111]:25: Connection refused");
            assertThat(byId(messages).get("06373212DC").recipients().get(0).reason())
                    .isEqualTo("connect to smtp.falun.se[192.121.234.25]:25: Connection timed out");
        }

        @Test
        void theYearIsTheLatestOneWhoseWeekdayMatches() {
            // Mon Feb 24 and Sat Feb 22: 2025 is the latest year (not after 2026-11-27) where they fall so.
            assertThat(byId(messages).get("C420820802").arrival()).isEqualTo(Instant.parse("2025-02-24T13:35:18Z"));
            assertThat(byId(messages).get("0572820D64").arrival()).isEqualTo(Instant.parse("2025-02-22T00:44:54Z"));
            assertThat(byId(messages).get("0CC2B22124").arrival()).isEqualTo(Instant.parse("2025-02-21T13:31:58Z"));
        }

        @Test
        void sizes() {
            assertThat(byId(messages).get("0CC2B22124").size()).isEqualTo(10_926L);
            assertThat(byId(messages).get("C420820802").size()).isEqualTo(4387L);
        }
    }

    @Nested
    class Layout {
        @Test
        void mailQueueIsEmpty() {
            assertThat(parse("Mail queue is empty\n")).isEmpty();
            assertThat(warnings).isEmpty();
        }

        @Test
        void emptyInput() {
            assertThat(parse("")).isEmpty();
            assertThat(warnings).isEmpty();
        }

        @Test
        void theTrailerEndsTheListing() {
            String text = HEADING
                    + "ABCDEF1234*    1234 Fri Nov 27 10:00:00  alice@example.org\n"
                    + "                                         bob@example.com\n"
                    + "\n"
                    + "BCDEF12345      999 Fri Nov 27 11:00:00  carol@example.org\n"
                    + "                    (" + CONNECTION_REFUSED + ")\n"
                    + "                                         dave@example.com\n"
                    + "\n"
                    + "CDEF123456!     512 Fri Nov 27 11:30:00  MAILER-DAEMON\n"
                    + "                                         erin@example.com\n"
                    + "\n"
                    + "-- 12 Kbytes in 3 Requests.\n";
            List<QueuedMessage> messages = parse(text);
            assertThat(messages).extracting(QueuedMessage::id, QueuedMessage::queue, QueuedMessage::size,
                            QueuedMessage::sender)
                    .containsExactly(
                            tuple("ABCDEF1234", QueueName.ACTIVE, 1234L, "alice@example.org"),
                            tuple("BCDEF12345", QueueName.DEFERRED, 999L, "carol@example.org"),
                            tuple("CDEF123456", QueueName.HOLD, 512L, ""));
            assertThat(warnings).isEmpty();
        }

        @Test
        void theForcedExpireMarkAloneIsADeferredMessage() {
            List<QueuedMessage> messages = parse(HEADING
                    + "ABCDEF1234#    1234 Fri Nov 27 10:00:00  alice@example.org\n"
                    + "                                         bob@example.com\n\n"
                    + "-- 1 Kbytes in 1 Request.\n");
            assertThat(messages).extracting(QueuedMessage::id, QueuedMessage::queue)
                    .containsExactly(tuple("ABCDEF1234", QueueName.DEFERRED));
        }

        /**
         * showq_compat.c appends {@code #} (forced expiry, Postfix 3.5+) after {@code *} or {@code !}, so an
         * entry can carry two marks. The entry pattern allows only one: such an entry is skipped.
         */
        @ParameterizedTest(name = "{0}")
        @CsvSource({"*#, ACTIVE", "!#, HOLD"})
        void twoMarksActiveOrHoldPlusForcedExpire(String marks, QueueName queue) {
            List<QueuedMessage> messages = parse(HEADING
                    + "ABCDEF1234" + marks + "   1234 Fri Nov 27 10:00:00  alice@example.org\n"
                    + "                                         bob@example.com\n\n");
            assertThat(messages).extracting(QueuedMessage::id, QueuedMessage::queue)
                    .containsExactly(tuple("ABCDEF1234", queue));
            assertThat(warnings).isEmpty();
        }

        /**
         * Before 3.1 the showq daemon itself printed the listing with {@code "%-10s%c%8ld %20.20s %s"}: the
         * mark is one character and the size is 8 wide, so a size of 8 digits (10 MB and more, which the
         * default message_size_limit of 10240000 allows) directly follows the {@code *} of an active message.
         * The entry pattern wants white space between them and skips the message.
         */
        @Test
        void anEightDigitSizeRightAfterTheActiveMark() {
            List<QueuedMessage> messages = parse(HEADING
                    + "ABCDEF1234*10240000 Fri Nov 27 10:00:00  alice@example.org\n"
                    + "                                         bob@example.com\n\n");
            assertThat(messages).extracting(QueuedMessage::id, QueuedMessage::queue, QueuedMessage::size)
                    .containsExactly(tuple("ABCDEF1234", QueueName.ACTIVE, 10_240_000L));
            assertThat(warnings).isEmpty();
        }

        @Test
        void longQueueIdsInTheLongLayout() {
            String text = "----Queue ID----- --Size-- ---Arrival Time---- --Sender/Recipient------\n"
                    + "4jbq6Y3nLkzC08f*      1234 Fri Nov 27 10:00:00 alice@example.org\n"
                    + "                                               bob@example.com\n"
                    + "\n"
                    + "4jbq6Y3pQrzC09g!       512 Fri Nov 27 11:00:00 carol@example.org\n"
                    + "                    (" + CONNECTION_REFUSED + ")\n"
                    + "                                               dave@example.com\n"
                    + "\n"
                    + "-- 1 Kbytes in 2 Requests.\n";
            List<QueuedMessage> messages = parse(text);
            assertThat(messages).extracting(QueuedMessage::id, QueuedMessage::queue)
                    .containsExactly(tuple("4jbq6Y3nLkzC08f", QueueName.ACTIVE), tuple("4jbq6Y3pQrzC09g", QueueName.HOLD));
            assertThat(warnings).isEmpty();
        }

        @Test
        void aSingleDigitDayIsPaddedWithASpace() {
            List<QueuedMessage> messages = parse(HEADING
                    + "ABCDEF1234     1234 Wed Nov  4 09:05:07  alice@example.org\n"
                    + "                                         bob@example.com\n\n");
            assertThat(messages).singleElement().extracting(QueuedMessage::arrival)
                    .isEqualTo(Instant.parse("2026-11-04T09:05:07Z"));
        }

        @Test
        void aLaterReasonLineAppliesToTheFollowingRecipientsOnly() {
            List<QueuedMessage> messages = parse(HEADING
                    + "ABCDEF1234     1234 Fri Nov 27 10:00:00  alice@example.org\n"
                    + "                                         a@one.example\n"
                    + "                                                                (Mailbox full)\n"
                    + "                                         b@two.example\n"
                    + "                                         c@two.example\n\n");
            assertThat(messages).singleElement().satisfies(m -> assertThat(m.recipients())
                    .extracting(Recipient::address, Recipient::reason)
                    .containsExactly(tuple("a@one.example", null), tuple("b@two.example", "Mailbox full"),
                            tuple("c@two.example", "Mailbox full")));
        }

        /**
         * showq_compat.c prints {@code (reason unavailable)} before a recipient that has no reason when the
         * one before it had one. That is Postfix's placeholder, not a reason: the recipient has none, as
         * {@code postqueue -j} shows (no {@code delay_reason}).
         */
        @Test
        void reasonUnavailableMeansNoReason() {
            List<QueuedMessage> messages = parse(HEADING
                    + "ABCDEF1234     1234 Fri Nov 27 10:00:00  alice@example.org\n"
                    + "                                                                (Mailbox full)\n"
                    + "                                         a@one.example\n"
                    + "                                                          (reason unavailable)\n"
                    + "                                         b@two.example\n\n");
            assertThat(messages).singleElement().satisfies(m -> assertThat(m.recipients()).containsExactly(
                    new Recipient("a@one.example", RecipientStatus.DEFERRED, "Mailbox full"),
                    new Recipient("b@two.example", RecipientStatus.PENDING, null)));
        }

        @Test
        void entriesWithoutBlankSeparatorAreStillTwoEntries() {
            List<QueuedMessage> messages = parse(HEADING
                    + "ABCDEF1234     1234 Fri Nov 27 10:00:00  alice@example.org\n"
                    + "                                         bob@example.com\n"
                    + "BCDEF12345      999 Fri Nov 27 11:00:00  carol@example.org\n"
                    + "                                         dave@example.com\n"
                    + "-- 3 Kbytes in 2 Requests.\n");
            assertThat(messages).extracting(QueuedMessage::id).containsExactly("ABCDEF1234", "BCDEF12345");
            assertThat(messages.get(0).recipients()).extracting(Recipient::address).containsExactly("bob@example.com");
            assertThat(warnings).isEmpty();
        }

        @Test
        void aMalformedEntryIsSkippedWithOneWarningAndTheNextOneRead() {
            List<QueuedMessage> messages = parse(HEADING
                    + "ABCDEF1234     1234 Fri Nov 27 10:00:00  alice@example.org\n"
                    + "                                         bob@example.com\n"
                    + "\n"
                    + "??garbage\u001b[31m line that is no entry\n"
                    + "                                         lost@example.com\n"
                    + "\n"
                    + "BCDEF12345      999 Fri Nov 27 11:00:00  carol@example.org\n"
                    + "                                         dave@example.com\n"
                    + "\n");
            assertThat(messages).extracting(QueuedMessage::id).containsExactly("ABCDEF1234", "BCDEF12345");
            assertThat(warnings).singleElement().asString()
                    .startsWith("skipped a postqueue entry that does not parse (line 5): ")
                    .doesNotContain("\u001b")
                    .contains("^[[31m");
        }

        @Test
        void anUnknownMonthIsAnImpossibleDate() {
            List<QueuedMessage> messages = parse(HEADING
                    + "ABCDEF1234     1234 Fri Foo 27 10:00:00  alice@example.org\n"
                    + "                                         bob@example.com\n"
                    + "\n"
                    + "BCDEF12345      999 Fri Nov 27 11:00:00  carol@example.org\n"
                    + "                                         dave@example.com\n\n");
            assertThat(messages).extracting(QueuedMessage::id).containsExactly("BCDEF12345");
            assertThat(warnings).singleElement().asString()
                    .startsWith("skipped a postqueue entry with an impossible date (line 2)");
        }
    }

    @Nested
    class YearInference {
        private Instant arrivalOf(String date, Instant now, ZoneId zone) {
            String text = "ABCDEF1234     1234 " + date + "  alice@example.org\n"
                    + "                                         bob@example.com\n\n";
            List<QueuedMessage> messages = parse(Recordings.reader(text), now, zone);
            assertThat(messages).hasSize(1);
            return messages.get(0).arrival();
        }

        @Test
        void aDecemberDateSeenInJanuaryIsLastYear() {
            assertThat(arrivalOf("Wed Dec 30 10:00:00", Instant.parse("2027-01-05T12:00:00Z"), ZoneOffset.UTC))
                    .isEqualTo(Instant.parse("2026-12-30T10:00:00Z"));
        }

        @Test
        void aDateEarlierThisYearIsThisYear() {
            assertThat(arrivalOf("Fri Nov 27 23:49:23", RECORDED, ZoneOffset.UTC))
                    .isEqualTo(Instant.parse("2026-11-27T23:49:23Z"));
        }

        @Test
        void theWeekdayPicksTheYear() {
            // Feb 24 is a Tuesday in 2026, a Monday in 2025 and a Saturday in 2024.
            Instant now = Instant.parse("2026-11-27T12:00:00Z");
            assertThat(arrivalOf("Tue Feb 24 08:00:00", now, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-02-24T08:00:00Z"));
            assertThat(arrivalOf("Mon Feb 24 08:00:00", now, ZoneOffset.UTC)).isEqualTo(Instant.parse("2025-02-24T08:00:00Z"));
            assertThat(arrivalOf("Sat Feb 24 08:00:00", now, ZoneOffset.UTC)).isEqualTo(Instant.parse("2024-02-24T08:00:00Z"));
        }

        @Test
        void february29IsInTheLastLeapYear() {
            assertThat(arrivalOf("Thu Feb 29 12:00:00", Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))
                    .isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
        }

        @Test
        void theServerZoneIsApplied() {
            assertThat(arrivalOf("Fri Nov 27 23:49:23", RECORDED, ZoneId.of("Europe/Berlin")))
                    .isEqualTo(Instant.parse("2026-11-27T22:49:23Z"));
        }

        @Test
        void aFewHoursAheadOfTheClockIsStillToday() {
            // The server's clock may run a little ahead of ours: that is not last year's date.
            assertThat(arrivalOf("Fri Nov 27 14:00:00", Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))
                    .isEqualTo(Instant.parse("2026-11-27T14:00:00Z"));
        }
    }
}
