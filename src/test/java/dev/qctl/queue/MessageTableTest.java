package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.Mta;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTableTest {
    private static QueuedMessage message(String id, long arrival, String sender) {
        return new QueuedMessage("local", Mta.POSTFIX, id, QueueName.DEFERRED, Instant.ofEpochSecond(arrival), 100, sender,
                List.of(Recipient.of("a@b.example", null)), false);
    }

    @Test
    void keepsEachIdOnceInOrderAndFindsItAgain() {
        MessageTable t = new MessageTable();
        assertThat(t.add("AAA111")).isZero();
        assertThat(t.add("BBB222")).isEqualTo(1);
        assertThat(t.add("AAA111")).isZero();
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.ids()).containsExactly("AAA111", "BBB222");
        assertThat(t.indexOf("BBB222")).isEqualTo(1);
        assertThat(t.indexOf("CCC333")).isEqualTo(-1);
        assertThat(t.contains("AAA11")).isFalse();
    }

    @Test
    void tellsTheSelectedMessageFromALaterOneWithTheSameId() {
        MessageTable t = new MessageTable();
        int i = t.add("ABC123", message("ABC123", 1000, "a@example.org"));
        assertThat(t.sameMessage(i, message("ABC123", 1000, "a@example.org"))).isTrue();
        assertThat(t.sameMessage(i, message("ABC123", 1001, "a@example.org"))).isFalse();
        assertThat(t.sameMessage(i, message("ABC123", 1000, "b@example.org"))).isFalse();
    }

    @Test
    void outcomesAreSetOnceWithTheirDetailAndOpenOnesAreListed() {
        MessageTable t = new MessageTable();
        for (int i = 0; i < 5; i++) {
            t.add("ID" + i);
        }
        t.setOutcome(0, Result.OK, "");
        assertThat(t.setOutcomeIfOpen(0, Result.FAILED, "late")).isFalse();
        t.markInFlight(1);
        t.setOutcome(2, Result.FAILED, "postsuper: ID2: cannot lock");
        assertThat(t.result(0)).isEqualTo(Result.OK);
        assertThat(t.result(1)).isNull();
        assertThat(t.state(1)).isEqualTo(MessageTable.IN_FLIGHT);
        assertThat(t.detail(2)).isEqualTo("postsuper: ID2: cannot lock");
        assertThat(t.open()).containsExactly("ID1", "ID3", "ID4");
        assertThat(t.count(Result.OK)).isEqualTo(1);
    }

    @Test
    void manyDistinctDetailsAreAllKept() {
        MessageTable t = new MessageTable();
        for (int i = 0; i < 6000; i++) {
            t.setOutcome(t.add("M" + i), Result.FAILED, "failure " + i);
        }
        assertThat(t.detail(0)).isEqualTo("failure 0");
        assertThat(t.detail(5999)).isEqualTo("failure 5999");
    }

    /** What lets a million selected messages fit in a 64 MiB heap: some 40 bytes each. */
    @Test
    void aMillionMessagesTakeLessThanFortyFiveMegabytes() {
        long before = usedAfterGc();
        MessageTable t = new MessageTable();
        for (int i = 0; i < 1_000_000; i++) {
            String id = String.format("%011X", 0x1A2B3C40000L + i);
            t.setOutcome(t.add(id, message(id, 1_796_000_000L + i, "bulk-sender" + (i % 50) + "@example.org")),
                    Result.OK, "");
        }
        long used = usedAfterGc() - before;
        assertThat(used).as("bytes for a million messages").isLessThan(45L << 20);
        // still reachable here, so the measurement above counted it
        assertThat(t.size()).isEqualTo(1_000_000);
        assertThat(t.indexOf(String.format("%011X", 0x1A2B3C40000L + 999_999))).isEqualTo(999_999);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
