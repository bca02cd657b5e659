package dev.qctl.queue;

import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.QueuedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortKeyTest {
    private static final QueuedMessage OLD_SMALL = message("C3").sender("Carol@example.org").to("zed@x.test")
            .age(Duration.ofDays(2)).size(100).build();
    private static final QueuedMessage NEW_BIG = message("A1").sender("alice@example.org").to("Bob@x.test")
            .age(Duration.ofMinutes(1)).size(9000).build();
    private static final QueuedMessage MIDDLE = message("B2").bounce().to("carol@x.test").to("aaron@x.test")
            .age(Duration.ofHours(1)).size(500).build();
    private static final QueuedMessage NO_RECIPIENTS = message("D4").sender("bob@example.org")
            .age(Duration.ofHours(2)).size(500).build();

    private static List<String> sorted(SortKey key, boolean reverse, QueuedMessage... messages) {
        return java.util.Arrays.stream(messages).sorted(key.comparator(reverse)).map(QueuedMessage::id).toList();
    }

    @Test
    void ageIsOldestFirst() {
        assertThat(sorted(SortKey.AGE, false, NEW_BIG, MIDDLE, OLD_SMALL, NO_RECIPIENTS))
                .containsExactly("C3", "D4", "B2", "A1");
    }

    @Test
    void reversedAgeIsNewestFirst() {
        assertThat(sorted(SortKey.AGE, true, NEW_BIG, MIDDLE, OLD_SMALL, NO_RECIPIENTS))
                .containsExactly("A1", "B2", "D4", "C3");
    }

    @Test
    void sizeIsLargestFirstWithTiesByHostThenId() {
        assertThat(sorted(SortKey.SIZE, false, NO_RECIPIENTS, OLD_SMALL, MIDDLE, NEW_BIG))
                .containsExactly("A1", "B2", "D4", "C3");
    }

    @Test
    void senderIsCaseInsensitiveWithTheNullSenderFirst() {
        assertThat(sorted(SortKey.SENDER, false, OLD_SMALL, NEW_BIG, MIDDLE, NO_RECIPIENTS))
                .containsExactly("B2", "A1", "D4", "C3");
    }

    @Test
    void recipientIsTheFirstRecipientCaseInsensitive() {
        assertThat(sorted(SortKey.RECIPIENT, false, OLD_SMALL, NEW_BIG, MIDDLE, NO_RECIPIENTS))
                .containsExactly("D4", "A1", "B2", "C3");
    }

    @Test
    void idOrder() {
        assertThat(sorted(SortKey.ID, false, OLD_SMALL, NO_RECIPIENTS, NEW_BIG, MIDDLE))
                .containsExactly("A1", "B2", "C3", "D4");
        assertThat(sorted(SortKey.ID, true, OLD_SMALL, NO_RECIPIENTS, NEW_BIG, MIDDLE))
                .containsExactly("D4", "C3", "B2", "A1");
    }

    @Test
    void tiesFallBackToHostThenId() {
        QueuedMessage a = message("Z9").host("mx1").size(10).build();
        QueuedMessage b = message("A1").host("mx2").size(10).build();
        QueuedMessage c = message("B2").host("mx1").size(10).build();
        assertThat(java.util.stream.Stream.of(a, b, c).sorted(SortKey.SIZE.comparator(false))
                .map(m -> m.host() + "/" + m.id())).containsExactly("mx1/B2", "mx1/Z9", "mx2/A1");
    }
}
