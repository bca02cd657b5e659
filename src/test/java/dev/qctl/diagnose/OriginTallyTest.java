package dev.qctl.diagnose;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OriginTallyTest {
    private static QueuedMessage sent(String id, String user, String client, long size, Duration age) {
        return message(id).submitted(user, client, "subject " + user).size(size).age(age)
                .to("a@example.com", "refused").to(new Recipient("b@example.com", RecipientStatus.DELIVERED, null)).build();
    }

    @Test
    void countsMessagesOpenRecipientsBytesAndTheOldestPerAccount() {
        OriginTally t = new OriginTally(OriginTally.By.SASL_USER);
        t.add(sent("1", "alice", "127.0.0.2", 100, Duration.ofHours(1)));
        t.add(sent("2", "alice", "127.0.0.2", 200, Duration.ofHours(3)));
        t.add(sent("3", "bob", "127.0.0.3", 50, Duration.ofMinutes(1)));
        t.add(sent("4", null, "127.0.0.4", 10, Duration.ofMinutes(2)));
        OriginTally.Result r = t.result(10);
        assertThat(r.exact()).isTrue();
        assertThat(r.messages()).isEqualTo(4);
        assertThat(r.rows()).containsExactly(
                new OriginTally.Row("alice", 2, 2, 2, 300, NOW.minus(Duration.ofHours(3))),
                new OriginTally.Row("(none)", 1, 1, 1, 10, NOW.minus(Duration.ofMinutes(2))),
                new OriginTally.Row("bob", 1, 1, 1, 50, NOW.minus(Duration.ofMinutes(1))));
        assertThat(t.result(1).rows()).extracting(OriginTally.Row::key).containsExactly("alice");
    }

    @Test
    void byClientSenderAndSubject() {
        QueuedMessage m = sent("1", "alice", "127.0.0.2", 100, Duration.ofHours(1));
        assertThat(OriginTally.By.CLIENT.keyOf(m)).isEqualTo("127.0.0.2");
        assertThat(OriginTally.By.SENDER.keyOf(m)).isEqualTo("alice@example.org");
        assertThat(OriginTally.By.SUBJECT.keyOf(m)).isEqualTo("subject alice");
        assertThat(OriginTally.By.SENDER.keyOf(message("2").bounce().build())).isEqualTo("<>");
        assertThat(OriginTally.By.SASL_USER.neededFields().isEmpty()).isFalse();
        assertThat(OriginTally.By.SENDER.neededFields().isEmpty()).as("the envelope has it").isTrue();
    }

    @Test
    void boundedMemoryKeepsTheHeavyKeyAndSaysWhenCountsAreNotExact() {
        OriginTally t = new OriginTally(OriginTally.By.SASL_USER, 8);
        for (int i = 0; i < 1000; i++) {
            t.add(sent("s" + i, "spammer", "192.0.2.1", 10, Duration.ofMinutes(1)));
            t.add(sent("o" + i, "user" + i, "192.0.2.2", 10, Duration.ofMinutes(1)));
        }
        OriginTally.Result r = t.result(1);
        assertThat(r.exact()).isFalse();
        assertThat(r.rows().get(0).key()).isEqualTo("spammer");
        assertThat(r.rows().get(0).guaranteed()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void totalsOverHostsAddUp() {
        OriginTally a = new OriginTally(OriginTally.By.SASL_USER);
        OriginTally b = new OriginTally(OriginTally.By.SASL_USER);
        a.add(sent("1", "alice", "127.0.0.2", 100, Duration.ofHours(1)));
        b.add(sent("2", "alice", "127.0.0.2", 200, Duration.ofHours(3)));
        OriginTally total = new OriginTally(OriginTally.By.SASL_USER);
        total.addAll(a);
        total.addAll(b);
        assertThat(total.result(5).rows()).containsExactly(
                new OriginTally.Row("alice", 2, 2, 2, 300, NOW.minus(Duration.ofHours(3))));
    }
}
