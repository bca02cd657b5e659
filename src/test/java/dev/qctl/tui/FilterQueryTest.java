package dev.qctl.tui;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterQueryTest {
    private static final QueuedMessage SPAM = message("AAA111").queue(QueueName.DEFERRED).age(Duration.ofHours(3))
            .size(2L << 20).sender("bot@spam.example").to("alice@example.com", "Connection refused")
            .to("bob@example.net", null).build();
    private static final QueuedMessage HELD = message("BBB222").queue(QueueName.HOLD).age(Duration.ofMinutes(5))
            .size(500).sender("carol@example.org").to("dave@example.com", "Mailbox full").build();
    private static final QueuedMessage BOUNCE = message("CCC333").age(Duration.ofSeconds(30)).size(900).bounce()
            .to("erin@example.org", "Greylisted, please try again later").build();
    private static final List<QueuedMessage> ALL = List.of(SPAM, HELD, BOUNCE);

    private static List<String> matching(String query) {
        FilterQuery q = FilterQuery.parse(query);
        return ALL.stream().filter(m -> q.matches(m, NOW)).map(QueuedMessage::id).toList();
    }

    @Test
    void plainWordsMatchSenderRecipientsIdAndReasonIgnoringCase() {
        assertThat(matching("SPAM")).containsExactly("AAA111");
        assertThat(matching("bob@")).containsExactly("AAA111"); // second recipient
        assertThat(matching("bbb2")).containsExactly("BBB222");
        assertThat(matching("mailbox")).containsExactly("BBB222");
        assertThat(matching("<>")).containsExactly("CCC333");
        assertThat(matching("example")).containsExactly("AAA111", "BBB222", "CCC333");
        assertThat(matching("example mailbox")).containsExactly("BBB222");
        assertThat(matching("")).hasSize(3);
    }

    @Test
    void keyValueWordsAreTheFiltersOfList() {
        assertThat(matching("from:*@spam.example")).containsExactly("AAA111");
        assertThat(matching("from:<>")).containsExactly("CCC333");
        assertThat(matching("to:dave@*")).containsExactly("BBB222");
        assertThat(matching("queue:hold")).containsExactly("BBB222");
        assertThat(matching("queue:hold,deferred")).containsExactly("AAA111", "BBB222", "CCC333");
        assertThat(matching("age>2h")).containsExactly("AAA111");
        assertThat(matching("age<10m")).containsExactly("BBB222", "CCC333");
        assertThat(matching("age>=1m age<=1h")).containsExactly("BBB222");
        assertThat(matching("size>1M")).containsExactly("AAA111");
        assertThat(matching("size<1K")).containsExactly("BBB222", "CCC333");
        assertThat(matching("reason:greylist*")).containsExactly("CCC333");
        assertThat(matching("reason:/^Mail/")).containsExactly("BBB222");
        assertThat(matching("reason:\"Connection refused\"")).containsExactly("AAA111");
        assertThat(matching("bounces")).containsExactly("CCC333");
        assertThat(matching("host:local")).hasSize(3);
        assertThat(matching("host:mx*")).isEmpty();
        assertThat(matching("FROM:*@SPAM.EXAMPLE age>1h")).containsExactly("AAA111");
    }

    @Test
    void invalidWordsSayWhy() {
        assertThatThrownBy(() -> FilterQuery.parse("from:")).hasMessageContaining("'from:' needs a value");
        assertThatThrownBy(() -> FilterQuery.parse("queue:frozen")).hasMessageContaining("unknown queue");
        assertThatThrownBy(() -> FilterQuery.parse("age>soon")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> FilterQuery.parse("size>big")).hasMessageContaining("invalid size");
        assertThatThrownBy(() -> FilterQuery.parse("reason:/(/")).hasMessageContaining("invalid regular expression");
    }

    @Test
    void textIsKeptForTheStatusBar() {
        assertThat(FilterQuery.parse("  from:*@x.example   age>2h ").text()).isEqualTo("from:*@x.example   age>2h");
        assertThat(FilterQuery.words("a \"b c\" d")).containsExactly("a", "b c", "d");
    }
}
