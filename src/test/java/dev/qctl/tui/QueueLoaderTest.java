package dev.qctl.tui;

import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.Mta;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueLoaderTest {
    private static FakeAdapter queueOf(String... ids) {
        List<QueuedMessage> queue = new ArrayList<>();
        for (String id : ids) {
            queue.add(message(id).build()); // as an adapter reads it: host "local" until the loader names it
        }
        return FakeAdapter.of(Mta.POSTFIX, Set.of(Action.HOLD), queue);
    }

    @Test
    void everyHostsMessagesCarryTheirHostAndTheSameIdStaysTwoMessages() throws InterruptedException {
        QueueLoader loader = new QueueLoader(List.of(new Target("pf", queueOf("A1", "B2")),
                new Target("ex", queueOf("A1"))), 4, 1_000);
        QueueLoader.Loaded loaded = loader.load(null, w -> { });
        assertThat(loaded.failures()).isEmpty();
        assertThat(loaded.messages()).extracting(MessageKey::of).containsExactlyInAnyOrder(
                new MessageKey("pf", "A1"), new MessageKey("pf", "B2"), new MessageKey("ex", "A1"));
    }

    @Test
    void aHostThatFailsIsNamedAndTheOthersStillLoad() throws InterruptedException {
        QueueLoader loader = new QueueLoader(List.of(new Target("pf", queueOf("A1")),
                new Target("down", FakeAdapter.failing("connection refused")), new Target("ex", queueOf("C3"))), 2, 1_000);
        QueueLoader.Loaded loaded = loader.load(null, w -> { });
        assertThat(loaded.failures()).containsOnlyKeys("down").containsEntry("down", "connection refused");
        assertThat(loaded.messages()).extracting(QueuedMessage::host).containsExactlyInAnyOrder("pf", "ex");
    }

    @Test
    void progressShowsWhatIsReadSoFar() throws InterruptedException {
        List<Integer> sizes = new ArrayList<>();
        QueueLoader loader = new QueueLoader(List.of(new Target("pf", queueOf("A1", "B2", "C3"))), 1, 0);
        loader.load(partial -> sizes.add(partial.size()), w -> { });
        assertThat(sizes).isNotEmpty().isSorted().last().isEqualTo(3);
    }
}
