package dev.qctl.queue;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.model.MessageDetails;
import dev.qctl.model.MessageOrigin;
import dev.qctl.model.OptionalField;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginFilterTest {
    private static final QueuedMessage ALICE = message("A").details(new MessageDetails("Invoice 42", "<a1@x>",
            new MessageOrigin("alice@qctl.test", "PLAIN", "127.0.0.2", "unknown", "web1", "ESMTPA", null, null),
            Map.of("x-mailer", List.of("PHPMailer 6.0")))).build();
    private static final QueuedMessage BOB = message("B").details(new MessageDetails("Hello", "<b1@x>",
            new MessageOrigin("bob@qctl.test", "LOGIN", "127.0.0.3", "unknown", "web2", "ESMTPA", null, null),
            Map.of())).build();
    private static final QueuedMessage ANON = message("C").details(new MessageDetails("", "",
            new MessageOrigin(null, null, "127.0.0.4", "unknown", "x", "ESMTP", null, null), Map.of())).build();
    private static final QueuedMessage LOCAL = message("D").details(new MessageDetails("cron", "",
            new MessageOrigin(null, null, null, null, null, "LOCAL", null, 1001), Map.of())).build();
    private static final List<QueuedMessage> ALL = List.of(ALICE, BOB, ANON, LOCAL);

    private static List<String> select(OriginFilter origin) {
        MessageFilter f = new MessageFilter(Set.of(), null, null, null, null, null, null, null, false, null, origin);
        return ALL.stream().filter(f.at(NOW)).map(QueuedMessage::id).toList();
    }

    private static OriginFilter f(TextPattern user, ClientMatch client, TextPattern subject, String id, List<HeaderMatch> h) {
        return new OriginFilter(user, client, subject, id, h);
    }

    @Test
    void eachCriterionSelectsExactlyItsMessages() {
        assertThat(select(f(TextPattern.wholeMatch("alice@*"), null, null, null, null))).containsExactly("A");
        assertThat(select(f(TextPattern.wholeMatch("*"), null, null, null, null))).as("only authenticated ones")
                .containsExactly("A", "B");
        assertThat(select(f(null, ClientMatch.parse("127.0.0.2/31"), null, null, null))).containsExactly("A", "B");
        assertThat(select(f(null, ClientMatch.parse("127.0.0.4"), null, null, null))).containsExactly("C");
        assertThat(select(f(null, null, TextPattern.anywhere("invoice"), null, null))).containsExactly("A");
        assertThat(select(f(null, null, null, "b1@x", null))).as("brackets optional").containsExactly("B");
        assertThat(select(f(null, null, null, "<a1@x>", null))).containsExactly("A");
        assertThat(select(f(null, null, null, null, List.of(HeaderMatch.parse("X-Mailer: *php*"))))).containsExactly("A");
        assertThat(select(f(TextPattern.wholeMatch("bob@*"), ClientMatch.parse("127.0.0.2"), null, null, null))).isEmpty();
    }

    @Test
    void theFilterSaysWhichFieldsTheListingMustFetch() {
        assertThat(MessageFilter.none().neededFields().isEmpty()).isTrue();
        OptionalFields needed = new MessageFilter(Set.of(), null, null, null, null, null, null, null, false, null,
                f(TextPattern.wholeMatch("x"), null, TextPattern.anywhere("y"), null,
                        List.of(HeaderMatch.parse("X-Mailer: z")))).neededFields();
        assertThat(needed.fields()).containsExactlyInAnyOrder(OptionalField.ORIGIN, OptionalField.SUBJECT);
        assertThat(needed.headers()).containsExactly("x-mailer");
        assertThat(new MessageFilter(Set.of(), null, null, null, null, null, null, null, false, null,
                f(null, null, null, "id", null)).neededFields().fields()).containsExactly(OptionalField.MESSAGE_ID);
    }

    @Test
    void anOriginCriterionMakesTheFilterNonEmpty() {
        assertThat(new MessageFilter(Set.of(), null, null, null, null, null, null, null, false, null,
                f(null, ClientMatch.parse("127.0.0.2"), null, null, null)).isEmpty()).isFalse();
        assertThat(new MessageFilter(Set.of(), null, null, null, null, null, null, null, false, null,
                f(null, null, null, null, null)).isEmpty()).isTrue();
    }

    @Test
    void aRecordWithoutTheFieldNeverMatches() {
        QueuedMessage plain = message("P").build();
        assertThat(f(TextPattern.wholeMatch("*"), null, null, null, null).matches(plain)).isFalse();
        assertThat(f(null, null, TextPattern.anywhere("*"), null, null).matches(plain)).isFalse();
    }

    @Test
    void badHeaderFiltersAreErrors() {
        assertThatThrownBy(() -> HeaderMatch.parse("no colon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderMatch.parse("X-Mailer:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderMatch.parse(": x")).isInstanceOf(IllegalArgumentException.class);
    }
}
