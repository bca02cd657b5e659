package dev.qctl.tui;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueViewTest {
    private final QueueView view = new QueueView(Clock.fixed(NOW, ZoneOffset.UTC));

    /** M00..M(n-1), M00 the oldest. */
    private static List<QueuedMessage> messages(int n) {
        List<QueuedMessage> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(message(String.format("M%02d", i)).age(Duration.ofMinutes(1000 - i)).size(100 + i)
                    .sender("s" + i + "@example.org").to("r" + i + "@example.com", "reason " + i).build());
        }
        return list;
    }

    private static List<String> ids(List<QueuedMessage> rows) {
        return rows.stream().map(QueuedMessage::id).toList();
    }

    @Test
    void cursorMovesAndStaysInsideTheList() {
        view.setMessages(messages(5), true);
        view.setPageHeight(3);
        assertThat(view.current().id()).isEqualTo("M00");
        view.moveBy(-1);
        assertThat(view.cursor()).isZero();
        view.moveBy(2);
        assertThat(view.current().id()).isEqualTo("M02");
        view.moveBy(100);
        assertThat(view.current().id()).isEqualTo("M04");
        view.home();
        assertThat(view.cursor()).isZero();
        view.end();
        assertThat(view.cursor()).isEqualTo(4);
    }

    @Test
    void pagingScrollsSoTheCursorIsAlwaysVisible() {
        view.setMessages(messages(10), true);
        view.setPageHeight(4);
        assertThat(ids(view.visibleRows())).containsExactly("M00", "M01", "M02", "M03");
        view.pageDown();
        assertThat(view.cursor()).isEqualTo(4);
        assertThat(view.top()).isEqualTo(1);
        assertThat(ids(view.visibleRows())).contains("M04").hasSize(4);
        view.end();
        assertThat(ids(view.visibleRows())).containsExactly("M06", "M07", "M08", "M09");
        view.pageUp();
        assertThat(view.cursor()).isEqualTo(5);
        assertThat(view.visibleRows()).contains(view.current());
        view.setPageHeight(20); // taller terminal: no empty space above the last row
        assertThat(view.top()).isZero();
    }

    @Test
    void emptyListHasNoCurrentMessage() {
        view.setMessages(List.of(), true);
        view.moveBy(1);
        view.pageDown();
        view.toggleMark();
        assertThat(view.current()).isNull();
        assertThat(view.targets()).isEmpty();
        assertThat(view.visibleRows()).isEmpty();
    }

    @Test
    void refreshKeepsCursorAndMarksOnTheSameMessages() {
        view.setMessages(messages(6), true);
        view.moveBy(1);
        view.toggleMark(); // marks M01, cursor to M02
        view.toggleMark(); // marks M02, cursor to M03
        assertThat(view.current().id()).isEqualTo("M03");
        // the next refresh: M00 left the queue, a new message arrived, everything else is still there
        List<QueuedMessage> next = new ArrayList<>(messages(6).subList(1, 6));
        next.add(message("N99").age(Duration.ofMinutes(1)).build());
        view.setMessages(next, true);
        assertThat(view.current().id()).isEqualTo("M03");
        assertThat(view.cursor()).isEqualTo(2);
        assertThat(view.marks()).containsExactlyInAnyOrder(new MessageKey("local", "M01"), new MessageKey("local", "M02"));
        assertThat(ids(view.targets())).containsExactlyInAnyOrder("M01", "M02");
        // a marked message that left the queue loses its mark
        view.setMessages(messages(6).subList(2, 6), true);
        assertThat(view.marks()).containsExactly(new MessageKey("local", "M02"));
    }

    @Test
    void partialLoadsKeepMarksOfMessagesNotYetLoaded() {
        view.setMessages(messages(4), true);
        view.markAllShown();
        view.setMessages(messages(4).subList(0, 1), false);
        assertThat(view.loading()).isTrue();
        assertThat(view.marks()).hasSize(4);
        view.setMessages(messages(4), true);
        assertThat(view.loading()).isFalse();
        assertThat(view.marks()).hasSize(4);
    }

    @Test
    void targetsAreTheMarksOrElseTheCurrentMessage() {
        view.setMessages(messages(3), true);
        view.moveBy(1);
        assertThat(ids(view.targets())).containsExactly("M01");
        view.toggleMark(); // marks M01, moves to M02
        view.toggleMark(); // marks M02, stays on the last row
        assertThat(ids(view.targets())).containsExactly("M01", "M02");
        assertThat(view.current().id()).isEqualTo("M02");
        view.toggleMark(); // M02 again: unmarked
        assertThat(ids(view.targets())).containsExactly("M01");
        view.clearMarks();
        assertThat(view.marks()).isEmpty();
    }

    @Test
    void markAllMarksExactlyTheFilteredRows() {
        view.setMessages(messages(10), true);
        view.pushFilter(FilterQuery.parse("s3@ s4@"));
        assertThat(view.rows()).isEmpty(); // both words must match
        view.popFilter();
        view.pushFilter(FilterQuery.parse("size>105")); // like --min-size: at least
        view.markAllShown();
        assertThat(view.marks()).extracting(MessageKey::id).containsExactlyInAnyOrder("M05", "M06", "M07", "M08", "M09");
        view.popFilter();
        assertThat(view.rows()).hasSize(10);
        assertThat(view.marks()).hasSize(5);
    }

    @Test
    void filtersStackNarrowAsTypedAndCanBeRemoved() {
        view.setMessages(messages(12), true);
        view.preview(FilterQuery.parse("s1"));
        assertThat(ids(view.rows())).containsExactly("M01", "M10", "M11");
        view.preview(FilterQuery.parse("s11"));
        assertThat(ids(view.rows())).containsExactly("M11");
        view.preview(null); // Esc
        assertThat(view.rows()).hasSize(12);
        assertThat(view.filterDescription()).isEmpty();

        view.preview(FilterQuery.parse("s1"));
        view.keepPreview(); // Enter
        view.pushFilter(FilterQuery.parse("age<995m"));
        assertThat(ids(view.rows())).containsExactly("M10", "M11");
        assertThat(view.filterDescription()).isEqualTo("s1 & age<995m");
        assertThat(view.popFilter()).isTrue();
        assertThat(ids(view.rows())).containsExactly("M01", "M10", "M11");
        view.clearFilters();
        assertThat(view.rows()).hasSize(12);
        assertThat(view.popFilter()).isFalse();
    }

    @Test
    void filteringKeepsTheCursorOnTheSameMessageWhenItStaysVisible() {
        view.setMessages(messages(12), true);
        view.moveBy(10);
        view.pushFilter(FilterQuery.parse("s1"));
        assertThat(view.current().id()).isEqualTo("M10");
    }

    @Test
    void sortCyclesColumnsAndReverses() {
        List<QueuedMessage> list = List.of(
                message("B").age(Duration.ofMinutes(5)).size(300).sender("zed@example.org").to("a@x.example").build(),
                message("A").age(Duration.ofMinutes(50)).size(100).sender("amy@example.org").to("c@x.example").build(),
                message("C").age(Duration.ofMinutes(1)).size(200).bounce().to("b@x.example").build());
        view.setMessages(list, true);
        assertThat(view.sortColumn()).isEqualTo(Column.AGE);
        assertThat(ids(view.rows())).containsExactly("A", "B", "C"); // oldest first
        view.cycleSort();
        assertThat(view.sortColumn()).isEqualTo(Column.SIZE);
        assertThat(ids(view.rows())).containsExactly("B", "C", "A"); // largest first
        view.reverseSort();
        assertThat(ids(view.rows())).containsExactly("A", "C", "B");
        view.cycleSort();
        assertThat(view.sortColumn()).isEqualTo(Column.SENDER);
        assertThat(view.sortReversed()).isFalse();
        assertThat(ids(view.rows())).containsExactly("C", "A", "B"); // "" (bounce) first
        view.cycleSort();
        assertThat(ids(view.rows())).containsExactly("B", "C", "A"); // recipient
        for (int i = 0; i < 4; i++) {
            view.cycleSort(); // reason, queue, id, (host skipped: one host) age
        }
        assertThat(view.sortColumn()).isEqualTo(Column.AGE);
    }

    @Test
    void sortingKeepsTheCursorOnTheSameMessage() {
        view.setMessages(messages(5), true);
        view.moveBy(1);
        view.reverseSort();
        assertThat(view.current().id()).isEqualTo("M01");
        assertThat(view.cursor()).isEqualTo(3);
    }

    @Test
    void statusCountsEveryQueueAndHost() {
        view.setMessages(List.of(message("A").queue(QueueName.HOLD).build(), message("B").build(),
                message("C").host("mx2").build()), true);
        assertThat(view.queueCounts()).containsEntry(QueueName.HOLD, 1).containsEntry(QueueName.DEFERRED, 2);
        assertThat(view.hostCounts()).containsEntry("local", 2).containsEntry("mx2", 1);
        assertThat(view.severalHosts()).isTrue();
        assertThat(view.lastRefresh()).isEqualTo(NOW);
    }

    /** Two hosts whose queues both hold the ID "A1": pf has A1, B2 (on hold); ex has A1, C3. */
    private static List<QueuedMessage> twoHosts() {
        return List.of(
                message("A1").host("pf").age(Duration.ofMinutes(40)).sender("amy@example.org").build(),
                message("B2").host("pf").queue(QueueName.HOLD).age(Duration.ofMinutes(30)).sender("bob@example.org").build(),
                message("A1").host("ex").age(Duration.ofMinutes(20)).sender("cat@example.org").build(),
                message("C3").host("ex").age(Duration.ofMinutes(10)).sender("dan@example.org").build());
    }

    private static List<String> keys(List<QueuedMessage> rows) {
        return rows.stream().map(m -> m.host() + "/" + m.id()).toList();
    }

    @Test
    void theSameIdOnTwoHostsIsTwoRowsMarkedApart() {
        view.setHosts(List.of("pf", "ex"));
        view.setMessages(twoHosts(), true);
        assertThat(keys(view.rows())).containsExactly("pf/A1", "pf/B2", "ex/A1", "ex/C3"); // oldest first
        view.toggleMark(); // pf/A1 only
        assertThat(view.marks()).containsExactly(new MessageKey("pf", "A1"));
        assertThat(view.isMarked(twoHosts().get(2))).isFalse();
        assertThat(keys(view.targets())).containsExactly("pf/A1");
    }

    @Test
    void marksAndCursorSurviveARefreshPerHostAndId() {
        view.setHosts(List.of("pf", "ex"));
        view.setMessages(twoHosts(), true);
        view.toggleMark(); // pf/A1, cursor to pf/B2
        view.moveBy(1); // ex/A1
        view.toggleMark(); // ex/A1, cursor to ex/C3
        view.moveBy(-1); // back on ex/A1
        // next refresh: pf/B2 left; pf's A1 is still there, ex's too, and the order of the list changed
        List<QueuedMessage> next = new ArrayList<>(twoHosts());
        next.remove(1);
        java.util.Collections.reverse(next);
        view.setMessages(next, true);
        assertThat(view.marks()).containsExactlyInAnyOrder(new MessageKey("pf", "A1"), new MessageKey("ex", "A1"));
        assertThat(keys(List.of(view.current()))).containsExactly("ex/A1");
        assertThat(keys(view.targets())).containsExactlyInAnyOrder("pf/A1", "ex/A1");
        // ex/A1 leaves ex's queue: only that mark goes, pf's A1 keeps its own
        view.setMessages(next.stream().filter(m -> !(m.host().equals("ex") && m.id().equals("A1"))).toList(), true);
        assertThat(view.marks()).containsExactly(new MessageKey("pf", "A1"));
    }

    @Test
    void aHostThatCouldNotBeReadKeepsItsMarks() {
        view.setHosts(List.of("pf", "ex"));
        view.setMessages(twoHosts(), true);
        view.markAllShown();
        List<QueuedMessage> pfOnly = twoHosts().subList(0, 2);
        view.setMessages(pfOnly, true, java.util.Map.of("ex", "connection refused"));
        assertThat(view.failedHosts()).containsOnlyKeys("ex");
        assertThat(view.marks()).hasSize(4);
        assertThat(keys(view.targets())).containsExactly("pf/A1", "pf/B2"); // only what is there to act on
        view.setMessages(pfOnly, true); // ex answers again, without those messages
        assertThat(view.failedHosts()).isEmpty();
        assertThat(view.marks()).extracting(MessageKey::host).containsOnly("pf");
    }

    @Test
    void hostFilterAndWordsMatchTheHost() {
        view.setHosts(List.of("pf", "ex"));
        view.setMessages(twoHosts(), true);
        view.pushFilter(FilterQuery.parse("host:e*"));
        assertThat(keys(view.rows())).containsExactly("ex/A1", "ex/C3");
        view.clearFilters();
        view.pushFilter(FilterQuery.parse("pf"));
        assertThat(keys(view.rows())).containsExactly("pf/A1", "pf/B2");
        view.pushFilter(FilterQuery.parse("host:pf queue:hold"));
        assertThat(keys(view.rows())).containsExactly("pf/B2");
    }

    @Test
    void sortingCyclesThroughHostWithSeveralHosts() {
        view.setHosts(List.of("pf", "ex"));
        view.setMessages(twoHosts(), true);
        assertThat(view.severalHosts()).isTrue();
        for (int i = 0; i < 7; i++) {
            view.cycleSort(); // size, sender, recipient, reason, queue, id, host
        }
        assertThat(view.sortColumn()).isEqualTo(Column.HOST);
        assertThat(keys(view.rows())).containsExactly("ex/A1", "ex/C3", "pf/A1", "pf/B2"); // then by ID
        view.reverseSort();
        assertThat(keys(view.rows())).containsExactly("pf/B2", "pf/A1", "ex/C3", "ex/A1");
        view.cycleSort();
        assertThat(view.sortColumn()).isEqualTo(Column.AGE);
    }

    @Test
    void countsPerHostIncludeEveryHostOfTheRunInItsOrder() {
        view.setHosts(List.of("pf", "ex", "idle"));
        view.setMessages(twoHosts(), true);
        assertThat(view.hostCounts()).containsExactly(java.util.Map.entry("pf", 2), java.util.Map.entry("ex", 2),
                java.util.Map.entry("idle", 0));
        assertThat(view.queueCounts()).containsEntry(QueueName.HOLD, 1).containsEntry(QueueName.DEFERRED, 3);
        view.pushFilter(FilterQuery.parse("host:pf"));
        assertThat(view.hostCounts()).containsEntry("ex", 2); // counts are of the whole queue, not the filtered rows
    }

    @Test
    void oneHostWithAnEmptyQueueStillShowsTheHostColumnWhenTheRunHasSeveral() {
        view.setHosts(List.of("pf", "ex"));
        view.setMessages(twoHosts().subList(0, 2), true);
        assertThat(view.severalHosts()).isTrue();
        QueueView single = new QueueView(Clock.fixed(NOW, ZoneOffset.UTC));
        single.setHosts(List.of("pf"));
        single.setMessages(twoHosts().subList(0, 2), true);
        assertThat(single.severalHosts()).isFalse();
    }

    @Test
    void handlesAHundredThousandMessages() {
        List<QueuedMessage> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(message(String.format("%011X", i)).age(Duration.ofSeconds(i)).sender("u" + i + "@example.org")
                    .to("r@example.com").build());
        }
        long start = System.nanoTime();
        view.setMessages(many, true);
        view.setPageHeight(40);
        view.end();
        view.pushFilter(FilterQuery.parse("u9999"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(view.rows()).hasSize(11);
        assertThat(view.visibleRows()).hasSize(11);
        assertThat(millis).as("load, sort and filter 100k messages").isLessThan(5_000);
    }
}
