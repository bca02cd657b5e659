package dev.qctl.tui;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.model.OptionalField;
import dev.qctl.model.QueuedMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** The TUI's origin filters (user:, client:, subject:) and the SUBJECT column. */
class OriginKeysTest {
    private static final QueuedMessage ALICE = message("A1").submitted("alice@qctl.test", "127.0.0.2", "Invoice 42").build();
    private static final QueuedMessage BOB = message("B2").submitted("bob@qctl.test", "127.0.0.3", "Hello").build();
    private static final QueuedMessage ANON = message("C3").submitted(null, "127.0.0.4", "Hello there").build();
    private static final List<QueuedMessage> ALL = List.of(ALICE, BOB, ANON);

    private static List<String> matching(String query) {
        FilterQuery q = FilterQuery.parse(query);
        return ALL.stream().filter(m -> q.matches(m, NOW)).map(QueuedMessage::id).toList();
    }

    @Test
    void originKeysSelectByLoginClientAndSubject() {
        assertThat(matching("user:alice@*")).containsExactly("A1");
        assertThat(matching("client:127.0.0.2/31")).containsExactly("A1", "B2");
        assertThat(matching("subject:hello")).containsExactly("B2", "C3");
        assertThat(matching("subject:\"hello there\"")).containsExactly("C3");
        assertThat(matching("invoice")).as("a plain word also looks in the subject").containsExactly("A1");
        assertThatThrownBy(() -> FilterQuery.parse("client:10.0.0.0/40")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theViewAsksForTheFieldsItsFiltersAndColumnsNeed() {
        QueueView view = new QueueView(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(view.neededFields().isEmpty()).isTrue();
        view.pushFilter(FilterQuery.parse("user:alice@*"));
        assertThat(view.neededFields().fields()).containsExactly(OptionalField.ORIGIN);
        view.toggleSubjects();
        assertThat(view.neededFields().fields()).containsExactlyInAnyOrder(OptionalField.ORIGIN, OptionalField.SUBJECT);
        view.clearFilters();
        view.toggleSubjects();
        assertThat(view.neededFields().isEmpty()).isTrue();
    }

    @Test
    void theSubjectColumnShowsWhenToggled() {
        QueueView view = new QueueView(Clock.fixed(NOW, ZoneOffset.UTC));
        view.setMessages(ALL, true);
        Screen screen = new Screen(ZoneId.of("UTC"));
        Instant now = NOW;
        String off = String.join("\n", screen.list(view, 160, 10, AttributedString.EMPTY, now).stream()
                .map(AttributedString::toString).toList());
        assertThat(off).doesNotContain("SUBJECT").doesNotContain("Invoice 42");
        view.toggleSubjects();
        String on = String.join("\n", screen.list(view, 160, 10, AttributedString.EMPTY, now).stream()
                .map(AttributedString::toString).toList());
        assertThat(on).contains("SUBJECT", "Invoice 42", "Hello there");
    }
}
