package dev.qctl.mta;

import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.model.MessageDetails;
import dev.qctl.model.QueuedMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BatchedDetailsTest {
    private static Stream<QueuedMessage> listing(int n, AtomicInteger read) {
        return IntStream.range(0, n).mapToObj(i -> {
            read.incrementAndGet();
            return message(String.format("M%05d", i)).build();
        });
    }

    private static Map<String, MessageDetails> subjects(List<String> ids) {
        Map<String, MessageDetails> d = new HashMap<>();
        ids.forEach(id -> d.put(id, new MessageDetails("subject of " + id, null, null, null)));
        return d;
    }

    @Test
    void everyRecordGetsItsDetailsInListingOrderInBatches() {
        List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger read = new AtomicInteger();
        try (Stream<QueuedMessage> s = BatchedDetails.of(listing(1234, read), ids -> {
            batches.add(ids.size());
            return subjects(ids);
        }, 500, 2)) {
            List<QueuedMessage> all = s.toList();
            assertThat(all).hasSize(1234);
            assertThat(all.get(0).id()).isEqualTo("M00000");
            assertThat(all.get(1233).id()).isEqualTo("M01233");
            assertThat(all).allSatisfy(m -> assertThat(m.subject()).isEqualTo("subject of " + m.id()));
        }
        assertThat(batches).containsExactlyInAnyOrder(500, 500, 234);
    }

    @Test
    void readsAheadAtMostTheBatchesInFlight() {
        AtomicInteger read = new AtomicInteger();
        try (Stream<QueuedMessage> s = BatchedDetails.of(listing(100_000, read), BatchedDetailsTest::subjects, 100, 2)) {
            s.limit(10).forEach(m -> { });
        }
        assertThat(read.get()).isLessThanOrEqualTo(200);
    }

    @Test
    void aMessageWithoutDetailsLeftTheQueueAndIsDropped() {
        try (Stream<QueuedMessage> s = BatchedDetails.of(listing(5, new AtomicInteger()), ids -> {
            Map<String, MessageDetails> d = subjects(ids);
            d.remove("M00002");
            return d;
        }, 2, 2)) {
            assertThat(s.map(QueuedMessage::id).toList()).containsExactly("M00000", "M00001", "M00003", "M00004");
        }
    }

    @Test
    void aFailingFetchFailsTheListing() {
        try (Stream<QueuedMessage> s = BatchedDetails.of(listing(5, new AtomicInteger()), ids -> {
            throw new IllegalStateException("postcat: permission denied");
        }, 2, 2)) {
            assertThatThrownBy(s::toList).isInstanceOf(IllegalStateException.class).hasMessageContaining("permission");
        }
    }

    @Test
    void closingTheStreamClosesTheListing() {
        AtomicInteger closed = new AtomicInteger();
        Stream<QueuedMessage> source = listing(3, new AtomicInteger()).onClose(closed::incrementAndGet);
        BatchedDetails.of(source, BatchedDetailsTest::subjects, 2, 2).close();
        assertThat(closed.get()).isEqualTo(1);
    }
}
