package dev.qctl.queue;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageFilterTest {
    private static final String REFUSED = "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused";

    private static final QueuedMessage PLAIN = message("A1").sender("alice@example.org").to("bob@example.com", REFUSED)
            .size(599).age(Duration.ofMinutes(10)).build();
    private static final QueuedMessage BOUNCE = message("B2").bounce().to("carol@example.net", REFUSED)
            .size(655).age(Duration.ofHours(3)).build();
    private static final QueuedMessage HELD = message("C3").queue(QueueName.HOLD).sender("mallory@example.org")
            .to("bob@example.com").size(542).age(Duration.ofMinutes(1)).build();
    private static final QueuedMessage MULTI = message("D4").sender("dave@example.org")
            .to("frank@greylist.test", "Greylisted, please try again later")
            .to("grace@full.test", "Mailbox full")
            .to("erin@example.com", REFUSED)
            .size(761).age(Duration.ofDays(2)).build();
    private static final QueuedMessage BIG = message("E5").queue(QueueName.ACTIVE).sender("jörg@exämple.org")
            .to("ivan@example.com").size(5_297_125).age(Duration.ofSeconds(30)).build();
    private static final List<QueuedMessage> ALL = List.of(PLAIN, BOUNCE, HELD, MULTI, BIG);

    private static Builder filter() {
        return new Builder();
    }

    /** Selects from {@link #ALL} and returns the IDs that pass. */
    private static List<String> select(MessageFilter f) {
        return ALL.stream().filter(f.at(NOW)).map(QueuedMessage::id).toList();
    }

    @Test
    void noFilterSelectsEverythingAndIsEmpty() {
        assertThat(MessageFilter.none().isEmpty()).isTrue();
        assertThat(select(MessageFilter.none())).containsExactly("A1", "B2", "C3", "D4", "E5");
    }

    @Test
    void nullQueuesMeanAnyQueue() {
        MessageFilter f = new MessageFilter(null, null, null, null, null, null, null, null, false);
        assertThat(f.queues()).isEmpty();
        assertThat(f.isEmpty()).isTrue();
    }

    @Test
    void aCauseNeedsARecipientNotYetDeliveredWithAReasonOfThatCause() {
        CauseMatch refused = new CauseMatch("destination-unreachable", r -> r.contains("Connection refused"));
        MessageFilter f = new MessageFilter(null, null, null, null, null, null, null, null, false, refused);
        assertThat(f.isEmpty()).isFalse();
        List<String> expected = ALL.stream().filter(m -> m.recipients().stream().anyMatch(r ->
                r.status() != dev.qctl.model.RecipientStatus.DELIVERED && r.reason() != null
                        && r.reason().contains("Connection refused"))).map(QueuedMessage::id).toList();
        assertThat(expected).isNotEmpty().hasSizeLessThan(ALL.size());
        assertThat(select(f)).containsExactlyElementsOf(expected);
        QueuedMessage delivered = dev.qctl.model.TestMessages.message("X").to(new dev.qctl.model.Recipient(
                "a@b.example", dev.qctl.model.RecipientStatus.DELIVERED, "Connection refused")).build();
        assertThat(f.matches(delivered, NOW)).isFalse();
    }

    @Test
    void theQueueSetIsCopied() {
        Set<QueueName> queues = EnumSet.of(QueueName.HOLD);
        MessageFilter f = filter().queues(queues).build();
        queues.add(QueueName.DEFERRED);
        assertThat(select(f)).containsExactly("C3");
    }

    static Stream<Arguments> singleCriteria() {
        return Stream.of(
                Arguments.of("queue hold", op(b -> b.queues(Set.of(QueueName.HOLD))), List.of("C3")),
                Arguments.of("queue active+hold", op(b -> b.queues(Set.of(QueueName.HOLD, QueueName.ACTIVE))),
                        List.of("C3", "E5")),
                Arguments.of("from glob", op(b -> b.from("*@example.org")), List.of("A1", "C3", "D4")),
                Arguments.of("from utf-8", op(b -> b.from("*@EXÄMPLE.ORG")), List.of("E5")),
                Arguments.of("from <>", op(b -> b.from("<>")), List.of("B2")),
                Arguments.of("from /regex/", op(b -> b.from("/^(alice|dave)@/")), List.of("A1", "D4")),
                Arguments.of("from regex for empty", op(b -> b.from("/^$/")), List.of("B2")),
                Arguments.of("to any recipient", op(b -> b.to("*@full.test")), List.of("D4")),
                Arguments.of("to", op(b -> b.to("bob@example.com")), List.of("A1", "C3")),
                Arguments.of("reason anywhere", op(b -> b.reason("connection refused")), List.of("A1", "B2", "D4")),
                Arguments.of("reason of second recipient", op(b -> b.reason("mailbox full")), List.of("D4")),
                Arguments.of("reason /regex/", op(b -> b.reason("/^Greylisted/")), List.of("D4")),
                Arguments.of("older than 3h (inclusive)", op(b -> b.olderThan(Duration.ofHours(3))), List.of("B2", "D4")),
                Arguments.of("newer than 10m (inclusive)", op(b -> b.newerThan(Duration.ofMinutes(10))),
                        List.of("A1", "C3", "E5")),
                Arguments.of("min size 655 (inclusive)", op(b -> b.minSize(655L)), List.of("B2", "D4", "E5")),
                Arguments.of("max size 599 (inclusive)", op(b -> b.maxSize(599L)), List.of("A1", "C3")),
                Arguments.of("bounces only", op(b -> b.bounces()), List.of("B2")));
    }

    private static UnaryOperator<Builder> op(UnaryOperator<Builder> o) {
        return o;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleCriteria")
    void eachCriterionAlone(String name, UnaryOperator<Builder> criterion, List<String> expected) {
        MessageFilter f = criterion.apply(filter()).build();
        assertThat(select(f)).containsExactlyElementsOf(expected);
        assertThat(f.isEmpty()).as("isEmpty with " + name).isFalse();
    }

    @Nested
    class Combined {
        @Test
        void allCriteriaMustHold() {
            MessageFilter f = filter().queues(Set.of(QueueName.DEFERRED)).to("*@example.com").reason("refused")
                    .olderThan(Duration.ofMinutes(5)).build();
            assertThat(select(f)).containsExactly("A1", "D4");
        }

        @Test
        void combiningNarrowsFurther() {
            MessageFilter f = filter().queues(Set.of(QueueName.DEFERRED)).to("*@example.com").reason("refused")
                    .olderThan(Duration.ofMinutes(5)).maxSize(700L).build();
            assertThat(select(f)).containsExactly("A1");
        }

        @Test
        void aRangeOfAgesAndSizes() {
            MessageFilter f = filter().olderThan(Duration.ofMinutes(1)).newerThan(Duration.ofHours(3))
                    .minSize(500L).maxSize(700L).build();
            assertThat(select(f)).containsExactly("A1", "B2", "C3");
        }

        @Test
        void bouncesAndASenderPatternThatExcludesThem() {
            assertThat(select(filter().bounces().from("*@example.org").build())).isEmpty();
        }

        @Test
        void toAndReasonNeedNotBeTheSameRecipient() {
            // --to and --reason are separate criteria: each needs some recipient.
            MessageFilter f = filter().to("grace@full.test").reason("refused").build();
            assertThat(select(f)).containsExactly("D4");
        }
    }

    @Test
    void matchesAgreesWithAt() {
        MessageFilter f = filter().from("<>").build();
        assertThat(f.matches(BOUNCE, NOW)).isTrue();
        assertThat(f.matches(PLAIN, NOW)).isFalse();
    }

    @Test
    void ageIsMeasuredAgainstTheGivenNow() {
        MessageFilter f = filter().olderThan(Duration.ofMinutes(15)).build();
        assertThat(f.matches(PLAIN, NOW)).isFalse();
        assertThat(f.matches(PLAIN, NOW.plus(Duration.ofMinutes(5)))).isTrue();
    }

    static final class Builder {
        private Set<QueueName> queues = Set.of();
        private TextPattern from;
        private TextPattern to;
        private TextPattern reason;
        private Duration olderThan;
        private Duration newerThan;
        private Long minSize;
        private Long maxSize;
        private boolean bounces;

        Builder queues(Set<QueueName> value) {
            queues = value;
            return this;
        }

        Builder from(String glob) {
            from = TextPattern.wholeMatch(glob);
            return this;
        }

        Builder to(String glob) {
            to = TextPattern.wholeMatch(glob);
            return this;
        }

        Builder reason(String glob) {
            reason = TextPattern.anywhere(glob);
            return this;
        }

        Builder olderThan(Duration value) {
            olderThan = value;
            return this;
        }

        Builder newerThan(Duration value) {
            newerThan = value;
            return this;
        }

        Builder minSize(Long value) {
            minSize = value;
            return this;
        }

        Builder maxSize(Long value) {
            maxSize = value;
            return this;
        }

        Builder bounces() {
            bounces = true;
            return this;
        }

        MessageFilter build() {
            return new MessageFilter(queues, from, to, reason, olderThan, newerThan, minSize, maxSize, bounces);
        }
    }
}
