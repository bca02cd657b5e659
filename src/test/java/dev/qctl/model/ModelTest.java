package dev.qctl.model;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelTest {

    @Nested
    class RecipientStatusDefaults {
        @Test
        void aRecipientWithoutReasonIsPending() {
            assertThat(Recipient.of("bob@example.com", null).status()).isEqualTo(RecipientStatus.PENDING);
        }

        @Test
        void aRecipientWithReasonIsDeferred() {
            assertThat(Recipient.of("bob@example.com", "Mailbox full").status()).isEqualTo(RecipientStatus.DEFERRED);
        }

        @Test
        void anExplicitStatusIsKept() {
            Recipient r = new Recipient("bob@example.com", RecipientStatus.DELIVERED, "old reason");
            assertThat(r.status()).isEqualTo(RecipientStatus.DELIVERED);
            assertThat(r.reason()).isEqualTo("old reason");
        }

        @Test
        void aNullAddressIsRefused() {
            assertThatThrownBy(() -> Recipient.of(null, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest(name = "domainOf({0}) = ''{1}''")
    @CsvSource(value = {
        "bob@Example.COM,   example.com",
        "jörg@EXÄMPLE.org,  exämple.org",
        "\"a@b\"@example.net, example.net",
        "postmaster,        ''",
        "'',                ''",
    })
    void domainOfIsTheLowerCasedPartAfterTheLastAt(String address, String domain) {
        assertThat(Addresses.domainOf(address)).isEqualTo(domain);
    }

    @Test
    void domainOfNullIsEmpty() {
        assertThat(Addresses.domainOf(null)).isEmpty();
    }

    @Nested
    class Messages {
        @Test
        void aNullSenderBecomesTheEmptyStringAndIsABounce() {
            QueuedMessage m = new QueuedMessage("local", Mta.POSTFIX, "ABC123", QueueName.DEFERRED, NOW, 1, null,
                    List.of(), false);
            assertThat(m.sender()).isEmpty();
            assertThat(m.isBounce()).isTrue();
        }

        @Test
        void aRealSenderIsNoBounce() {
            assertThat(message("ABC123").sender("alice@example.org").build().isBounce()).isFalse();
        }

        @Test
        void recipientsAreCopied() {
            List<Recipient> rs = new ArrayList<>(List.of(Recipient.of("a@x", null)));
            QueuedMessage m = new QueuedMessage("local", Mta.POSTFIX, "ABC123", QueueName.DEFERRED, NOW, 1, "",
                    rs, false);
            rs.add(Recipient.of("b@x", null));
            assertThat(m.recipients()).hasSize(1);
            assertThatThrownBy(() -> m.recipients().add(Recipient.of("c@x", null)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void ageIsTheTimeSinceArrival() {
            assertThat(message("ABC123").age(Duration.ofMinutes(8)).build().age(NOW)).isEqualTo(Duration.ofMinutes(8));
        }

        @Test
        void anArrivalInTheFutureHasAgeZero() {
            QueuedMessage m = message("ABC123").arrival(NOW.plusSeconds(30)).build();
            assertThat(m.age(NOW)).isEqualTo(Duration.ZERO);
        }

        @Test
        void firstReasonSkipsRecipientsWithoutReason() {
            QueuedMessage m = message("ABC123").to("a@x").to("b@x", "Mailbox full").to("c@x", "later").build();
            assertThat(m.firstReason()).isEqualTo("Mailbox full");
            assertThat(message("ABC123").to("a@x").build().firstReason()).isNull();
        }

        @Test
        void withHostChangesOnlyTheHost() {
            QueuedMessage m = message("ABC123").to("a@x", "r").build();
            QueuedMessage moved = m.withHost("mx1");
            assertThat(moved.host()).isEqualTo("mx1");
            assertThat(moved).usingRecursiveComparison().ignoringFields("host").isEqualTo(m);
        }
    }

    @Test
    void labelsAreLowerCase() {
        assertThat(QueueName.HOLD.label()).isEqualTo("hold");
        assertThat(Mta.POSTFIX.toString()).isEqualTo("postfix");
        assertThat(RecipientStatus.DEFERRED.label()).isEqualTo("deferred");
    }

    @ParameterizedTest
    @CsvSource({"hold, HOLD", "  Deferred , DEFERRED", "MAILDROP, MAILDROP", "active, ACTIVE", "incoming, INCOMING"})
    void queueNamesParseCaseInsensitively(String text, QueueName expected) {
        assertThat(QueueName.parse(text)).isEqualTo(expected);
    }

    @Test
    void anUnknownQueueNameIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> QueueName.parse("corrupt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown queue 'corrupt' (expected one of active, deferred, hold, incoming, maildrop)");
    }
}
