package dev.qctl.queue;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import dev.qctl.queue.QueueSummary.Count;
import dev.qctl.queue.QueueSummary.ReasonRow;
import dev.qctl.queue.QueueSummary.Result;
import dev.qctl.queue.QueueSummary.ShapeBy;
import dev.qctl.queue.QueueSummary.ShapeRow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QueueSummaryTest {
    private static final String REFUSED = "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused";

    private static Result summarize(ShapeBy by, int top, QueuedMessage... messages) {
        QueueSummary summary = new QueueSummary(by, NOW);
        for (QueuedMessage m : messages) {
            summary.add(m);
        }
        return summary.result(top);
    }

    private static Map<String, ShapeRow> rows(Result r) {
        return r.shape().stream().collect(Collectors.toMap(ShapeRow::domain, row -> row));
    }

    @Nested
    class PerQueue {
        @Test
        void countsAndBytesPerQueueWithZerosForEmptyQueues() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10,
                    message("A").size(100).to("a@x.test").build(),
                    message("B").size(200).to("b@x.test").build(),
                    message("C").queue(QueueName.HOLD).size(50).to("c@x.test").build());
            assertThat(r.messages()).isEqualTo(3);
            assertThat(r.bytes()).isEqualTo(350);
            assertThat(countsOnly(r)).containsExactly(
                    Map.entry(QueueName.ACTIVE, List.of(0L, 0L)),
                    Map.entry(QueueName.DEFERRED, List.of(2L, 300L)),
                    Map.entry(QueueName.HOLD, List.of(1L, 50L)),
                    Map.entry(QueueName.INCOMING, List.of(0L, 0L)),
                    Map.entry(QueueName.MAILDROP, List.of(0L, 0L)));
            assertThat(r.queues().get(QueueName.ACTIVE).oldest()).isNull();
            assertThat(r.queues().get(QueueName.DEFERRED).oldest()).isNotNull();
        }

        @Test
        void anEmptyQueue() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10);
            assertThat(r.messages()).isZero();
            assertThat(r.queues()).hasSize(5).allSatisfy((q, c) -> assertThat(c).isEqualTo(new Count(0, 0, null)));
            assertThat(r.shape()).singleElement().satisfies(total -> {
                assertThat(total.domain()).isEqualTo("TOTAL");
                assertThat(total.total()).isZero();
            });
            assertThat(r.reasons()).isEmpty();
        }

        @Test
        void frozenMessagesAreCounted() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10,
                    message("A").queue(QueueName.HOLD).frozen().build(),
                    message("B").queue(QueueName.HOLD).build());
            assertThat(r.frozen()).isEqualTo(1);
        }
    }

    @Nested
    class Shape {
        @Test
        void byRecipientDomainCountsRecipientsInTheirAgeBucket() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10,
                    message("A").age(Duration.ofMinutes(3)).to("a@x.test").to("B@X.TEST").to("c@y.test").build(),
                    message("B").age(Duration.ofMinutes(7)).to("d@y.test").build(),
                    message("C").age(Duration.ofDays(2)).to("e@x.test").build());
            assertThat(r.shapeBy()).isEqualTo(ShapeBy.RECIPIENT_DOMAIN);
            assertThat(r.shape()).extracting(ShapeRow::domain, ShapeRow::total)
                    .containsExactly(tuple("TOTAL", 5L), tuple("x.test", 3L), tuple("y.test", 2L));
            assertThat(rows(r).get("TOTAL").buckets()).containsExactly(3, 1, 0, 0, 0, 0, 0, 0, 0, 1);
            assertThat(rows(r).get("x.test").buckets()).containsExactly(2, 0, 0, 0, 0, 0, 0, 0, 0, 1);
            assertThat(rows(r).get("y.test").buckets()).containsExactly(1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        @Test
        void deliveredRecipientsAreNotCounted() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10, message("A")
                    .to(new Recipient("done@x.test", RecipientStatus.DELIVERED, null))
                    .to("waiting@y.test", "Mailbox full").build());
            assertThat(r.shape()).extracting(ShapeRow::domain, ShapeRow::total)
                    .containsExactly(tuple("TOTAL", 1L), tuple("y.test", 1L));
        }

        @Test
        void bySenderDomainCountsEachMessageOnceAndBouncesAsMailerDaemon() {
            Result r = summarize(ShapeBy.SENDER_DOMAIN, 10,
                    message("A").sender("alice@Example.ORG").to("a@x.test").to("b@y.test").to("c@z.test").build(),
                    message("B").sender("bob@example.org").to("a@x.test").build(),
                    message("C").bounce().to("a@x.test").build());
            assertThat(r.shapeBy()).isEqualTo(ShapeBy.SENDER_DOMAIN);
            assertThat(r.shape()).extracting(ShapeRow::domain, ShapeRow::total)
                    .containsExactly(tuple("TOTAL", 3L), tuple("example.org", 2L), tuple("MAILER-DAEMON", 1L));
        }

        @Test
        void anAddressWithoutDomainIsNone() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10, message("A").to("postmaster").build());
            assertThat(r.shape()).extracting(ShapeRow::domain).containsExactly("TOTAL", "(none)");
        }

        @Test
        void topNKeepsTheBiggestDomainsButTotalCountsAll() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 2,
                    message("A").to("1@a.test").to("2@a.test").to("3@a.test").build(),
                    message("B").to("1@b.test").build(),
                    message("C").to("1@c.test").to("2@c.test").build(),
                    message("D").to("1@d.test").build());
            assertThat(r.shape()).extracting(ShapeRow::domain, ShapeRow::total)
                    .containsExactly(tuple("TOTAL", 7L), tuple("a.test", 3L), tuple("c.test", 2L));
        }

        @Test
        void equalTotalsAreOrderedByDomain() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10,
                    message("A").to("1@zz.test").to("1@mm.test").to("1@aa.test").build());
            assertThat(r.shape()).extracting(ShapeRow::domain).containsExactly("TOTAL", "aa.test", "mm.test", "zz.test");
        }
    }

    @Nested
    class Reasons {
        @Test
        void countedPerRecipientAndPerMessageGroupedByCause() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10,
                    message("A")
                            .to("a@x.test", "connect to mx.x.test[192.0.2.1]:25: Connection refused")
                            .to("b@y.test", "connect to mx.y.test[192.0.2.2]:25: Connection refused")
                            .to("c@g.test", "Greylisted, please try again later").build(),
                    message("B").to("d@z.test", "delivery temporarily suspended: " + REFUSED).build(),
                    message("C").to("e@z.test").build());
            assertThat(r.reasons()).extracting(ReasonRow::reason, ReasonRow::recipients, ReasonRow::messages)
                    .containsExactly(
                            tuple("connect to <host>: Connection refused", 3L, 2L),
                            tuple("Greylisted, please try again later", 1L, 1L));
            assertThat(r.reasons().get(0).example()).isEqualTo("connect to mx.x.test[192.0.2.1]:25: Connection refused");
        }

        @Test
        void deliveredRecipientsHaveNoReasonToCount() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10, message("A")
                    .to(new Recipient("a@x.test", RecipientStatus.DELIVERED, "Mailbox full")).build());
            assertThat(r.reasons()).isEmpty();
        }

        @Test
        void topNLimitsTheReasonGroups() {
            Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 1,
                    message("A").to("a@x.test", "Mailbox full").to("b@x.test", "Mailbox full").build(),
                    message("B").to("c@x.test", "Greylisted").build());
            assertThat(r.reasons()).extracting(ReasonRow::reason).containsExactly("Mailbox full");
        }
    }

    @Test
    void theRecordedSeedQueueSummarizesAsExpected() {
        Result r = summarize(ShapeBy.RECIPIENT_DOMAIN, 10,
                message("BA46C160279").size(599).to("bob@example.com", REFUSED).build(),
                message("C43621602DE").bounce().size(655).to("carol@example.net", REFUSED).build(),
                message("CDDF2161FFF").size(761).to("frank@greylist.test", "Greylisted, please try again later")
                        .to("grace@full.test", "Mailbox full").to("erin@example.com", REFUSED).build(),
                message("10CFC161FF7").queue(QueueName.HOLD).size(542).to("bob@example.com", REFUSED).build());
        assertThat(r.queues().get(QueueName.DEFERRED)).extracting(Count::messages, Count::bytes).containsExactly(3L, (long) (599 + 655 + 761));
        assertThat(r.queues().get(QueueName.HOLD)).extracting(Count::messages, Count::bytes).containsExactly(1L, 542L);
        List<ReasonRow> reasons = r.reasons();
        assertThat(reasons).extracting(ReasonRow::recipients, ReasonRow::messages)
                .containsExactly(tuple(4L, 4L), tuple(1L, 1L), tuple(1L, 1L));
        assertThat(reasons).extracting(ReasonRow::reason).containsExactly("connect to <host>: Connection refused",
                "Greylisted, please try again later", "Mailbox full");
    }

    private static Map<QueueName, List<Long>> countsOnly(Result r) {
        Map<QueueName, List<Long>> counts = new java.util.LinkedHashMap<>();
        r.queues().forEach((q, c) -> counts.put(q, List.of(c.messages(), c.bytes())));
        return counts;
    }
}
