package dev.qctl.tui;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.QueuedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class ScreenTest {
    private static final String EVIL = "\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e";
    private final Screen screen = new Screen(ZoneOffset.UTC);
    private final QueueView view = new QueueView(Clock.fixed(NOW, ZoneOffset.UTC));

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x202e);
    }

    @Test
    void controlCharactersInMessageDataNeverReachTheRenderedLines() {
        QueuedMessage hostile = message("ABC123").sender("evil" + EVIL + "@example.org")
                .to("victim" + EVIL + "@example.com", "reason" + EVIL + "\nsecond line").build();
        view.setMessages(List.of(hostile), true);
        view.pushFilter(FilterQuery.parse("evil\u001b"));
        view.popFilter();
        List<AttributedString> lines = screen.list(view, 200, 10, new AttributedString("ok"), NOW);
        String all = String.join("\n", lines.stream().map(AttributedString::toString).toList());
        for (AttributedString line : lines) {
            assertThat(hasControl(line.toString())).as(line.toString()).isFalse();
        }
        assertThat(all).contains("evil^[[2J^[]0;pwned^G<U+009B>31m<U+202E>@example.org");
        assertThat(all).contains("reason^[[2J");
        assertThat(all).doesNotContain("\u001b");
    }

    @Test
    void thePagerShowsHostileBodiesAsPlaceholders() {
        Pager pager = Pager.ofText("X" + EVIL, "Subject: hi" + EVIL + "\r\n\tbody\u0007\n");
        List<AttributedString> lines = screen.pager(pager, 80, 10, "q back");
        for (AttributedString line : lines) {
            assertThat(hasControl(line.toString())).as(line.toString()).isFalse();
        }
        assertThat(pager.lines()).containsExactly("Subject: hi^[[2J^[]0;pwned^G<U+009B>31m<U+202E>^M", "        body^G");
    }

    @Test
    void columnsFitTheWidthAndOnlyVisibleRowsAreDrawn() {
        List<QueuedMessage> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(message(String.format("ID%04d", i)).age(Duration.ofMinutes(1000 - i))
                    .sender("a-rather-long-sender-address-" + i + "@example.org")
                    .to("someone@example.com", "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused").build());
        }
        view.setMessages(many, true);
        for (int width : new int[] {40, 80, 132, 250}) {
            List<AttributedString> lines = screen.list(view, width, 24, new AttributedString(""), NOW);
            assertThat(lines).hasSize(24);
            assertThat(lines).allMatch(l -> l.columnLength() <= width);
            assertThat(lines.get(1).toString()).contains("ID0000");
        }
        List<AttributedString> wide = screen.list(view, 250, 24, new AttributedString(""), NOW);
        assertThat(wide.get(0).toString()).contains("ID", "QUEUE", "AGE", "SIZE", "SENDER", "RECIPIENTS", "REASON");
        assertThat(wide.get(1).toString()).contains("Connection refused");
        assertThat(view.pageHeight()).isEqualTo(24 - Screen.CHROME);
        assertThat(wide.get(22).toString()).contains("deferred 1000").contains("1000 shown").contains("sort age");
    }

    @Test
    void statusBarShowsFilterMarksAndPause() {
        view.setMessages(List.of(message("A").build(), message("B").build()), true);
        view.pushFilter(FilterQuery.parse("from:*@x"));
        view.clearFilters();
        view.pushFilter(FilterQuery.parse("queue:deferred"));
        view.markAllShown();
        view.togglePaused();
        String status = screen.status(view, 200);
        assertThat(status).contains("deferred 2", "filter: queue:deferred", "2 marked", "00:00:00 paused", "? help");
    }

    @Test
    void severalHostsGetAHostColumnAndCountsPerHostThatFitTheWidth() {
        view.setHosts(List.of("pf", "ex", "mx3"));
        view.setMessages(List.of(message("A1").host("pf").build(), message("A1").host("ex").build(),
                message("B2").host("ex").build()), true, java.util.Map.of("mx3", "connection refused"));
        List<AttributedString> lines = screen.list(view, 160, 10, new AttributedString(""), NOW);
        assertThat(lines.get(0).toString()).startsWith("  HOST   ID");
        assertThat(lines.subList(1, 4)).extracting(AttributedString::toString)
                .anyMatch(l -> l.startsWith("  pf     A1 ")).anyMatch(l -> l.startsWith("  ex     A1 "));
        view.sortBy(Column.HOST, false);
        assertThat(screen.list(view, 160, 10, new AttributedString(""), NOW).get(0).toString()).startsWith("  HOSTv  ID");
        assertThat(screen.status(view, 160)).contains("| pf 1  ex 2  mx3 down  |");
        String narrow = screen.status(view, 60);
        assertThat(narrow).contains("| 3 hosts, down: mx3  |").doesNotContain("pf 1");

        QueueView one = new QueueView(java.time.Clock.fixed(NOW, ZoneOffset.UTC));
        one.setHosts(List.of("pf"));
        one.setMessages(List.of(message("A1").host("pf").build()), true);
        assertThat(screen.list(one, 160, 10, new AttributedString(""), NOW).get(0).toString()).startsWith("  ID");
        assertThat(screen.status(one, 160)).doesNotContain("pf");
    }

    @Test
    void cellsAreCutWithAnEllipsis() {
        assertThat(Screen.cell("abcdef", 4, false)).isEqualTo("abc…");
        assertThat(Screen.cell("ab", 4, true)).isEqualTo("  ab");
        assertThat(Screen.cell("日本語", 4, false)).isEqualTo("日…");
    }
}
