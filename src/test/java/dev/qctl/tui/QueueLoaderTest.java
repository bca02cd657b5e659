package dev.qctl.tui;

import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.Mta;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QueueLoaderTest {
    private static FakeAdapter queueOf(String... ids) {
        List<QueuedMessage> queue = new ArrayList<>();
        for (String id : ids) {
            queue.add(message(id).build()); // as an adapter reads it: host "local" until the loader names it
        }
        return FakeAdapter.of(Mta.POSTFIX, Set.of(Action.HOLD), queue);
    }

    private static Map<String, QueueLoader.HostQueue> load(QueueLoader loader) throws InterruptedException {
        Map<String, QueueLoader.HostQueue> byHost = new ConcurrentHashMap<>();
        loader.load(null, q -> byHost.put(q.host(), q), w -> { });
        return byHost;
    }

    @Test
    void everyHostsMessagesCarryTheirHostAndTheSameIdStaysTwoMessages() throws InterruptedException {
        Map<String, QueueLoader.HostQueue> byHost = load(new QueueLoader(List.of(new Target("pf", queueOf("A1", "B2")),
                new Target("ex", queueOf("A1"))), 4, 1_000));
        assertThat(byHost.get("pf").messages()).extracting(MessageKey::of)
                .containsExactly(new MessageKey("pf", "A1"), new MessageKey("pf", "B2"));
        assertThat(byHost.get("ex").messages()).extracting(MessageKey::of).containsExactly(new MessageKey("ex", "A1"));
        assertThat(byHost.values()).allMatch(QueueLoader.HostQueue::ok);
    }

    @Test
    void aHostThatFailsIsNamedAndTheOthersStillLoad() throws InterruptedException {
        Map<String, QueueLoader.HostQueue> byHost = load(new QueueLoader(List.of(new Target("pf", queueOf("A1")),
                new Target("down", FakeAdapter.failing("connection refused")), new Target("ex", queueOf("C3"))), 2, 1_000));
        assertThat(byHost.get("down").ok()).isFalse();
        assertThat(byHost.get("down").failure()).isEqualTo("connection refused");
        assertThat(byHost.get("pf").messages()).hasSize(1);
        assertThat(byHost.get("ex").messages()).hasSize(1);
    }

    /** A slow host holds back only itself: the fast host's queue is handed over while the slow one still reads. */
    @Test
    void eachHostIsHandedOverAsSoonAsItIsRead() throws InterruptedException {
        CountDownLatch fastDone = new CountDownLatch(1);
        FakeAdapter slow = new FakeAdapter(Mta.EXIM, List.of(message("S1").build()), Set.of(), null) {
            @Override
            public Stream<QueuedMessage> list(java.util.function.Consumer<String> warnings) {
                try {
                    assertThat(fastDone.await(10, TimeUnit.SECONDS)).as("the fast host handed over first").isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return super.list(warnings);
            }
        };
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        new QueueLoader(List.of(new Target("slow", slow), new Target("fast", queueOf("F1"))), 2, 1_000)
                .load(null, q -> {
                    order.add(q.host() + (q.ok() ? "" : " " + q.failure()));
                    if (q.host().equals("fast")) {
                        fastDone.countDown();
                    }
                }, w -> { });
        assertThat(order).containsExactly("fast", "slow");
    }

    @Test
    void progressShowsWhatIsReadSoFar() throws InterruptedException {
        List<Integer> sizes = new ArrayList<>();
        new QueueLoader(List.of(new Target("pf", queueOf("A1", "B2", "C3"))), 1, 0)
                .load(partial -> sizes.add(partial.size()), q -> { }, w -> { });
        assertThat(sizes).isNotEmpty().isSorted().last().isEqualTo(3);
    }
}
