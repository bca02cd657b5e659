package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.Mta;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.Capability;
import dev.qctl.mta.MessagePart;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.OutcomeSink;
import dev.qctl.mta.QueueIdGrammar;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PacingTest {
    /** A clock that moves only when asked to sleep, and an adapter that notes when each batch came. */
    private static final class Recorder implements Pacing.Sleeper {
        long now;
        final List<Long> sleeps = new ArrayList<>();
        final List<List<String>> batches = new ArrayList<>();
        final List<Long> batchTimes = new ArrayList<>();
        long actCost; // how long one act call takes

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        MtaAdapter adapter() {
            return new MtaAdapter() {
                public Mta mta() {
                    return Mta.POSTFIX;
                }

                public Set<Capability> capabilities() {
                    return Set.of();
                }

                public QueueIdGrammar idGrammar() {
                    return null;
                }

                public Stream<QueuedMessage> list(Consumer<String> warnings) {
                    return Stream.empty();
                }

                public Optional<QueuedMessage> find(String id, Consumer<String> warnings) {
                    return Optional.empty();
                }

                public void copyPart(String id, MessagePart part, OutputStream out) {
                }

                @Override
                public void act(Action action, List<String> ids, OutcomeSink sink) {
                    batches.add(List.copyOf(ids));
                    batchTimes.add(now);
                    now += actCost;
                    ids.forEach(id -> sink.outcome(id, Result.OK, ""));
                }
            };
        }
    }

    private static final OutcomeSink NOTHING = new OutcomeSink() {
        public void outcome(String id, Result result, String detail) {
        }

        public void handedOver(String id) {
        }
    };

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "ID" + i).toList();
    }

    @Test
    void unpacedEverythingGoesAtOnce() {
        Recorder r = new Recorder();
        Pacing.NONE.act(r.adapter(), Action.RELEASE, ids(1000), NOTHING, r);
        assertThat(r.batches).hasSize(1);
        assertThat(r.sleeps).isEmpty();
    }

    @Test
    void aRateSendsATenthOfASecondsWorthAtATime() {
        Recorder r = new Recorder();
        new Pacing(0, null, 50).act(r.adapter(), Action.RELEASE, ids(100), NOTHING, r);
        assertThat(r.batches).hasSize(20).allMatch(b -> b.size() == 5);
        // batch k starts at k * 100 ms: 100 messages at 50/s take 1.9 s until the last batch
        assertThat(r.batchTimes.get(19)).isEqualTo(1_900_000_000L);
        assertThat(r.batches.stream().flatMap(List::stream).toList()).isEqualTo(ids(100));
    }

    @Test
    void theTimeAnActTakesCountsTowardsTheRate() {
        Recorder r = new Recorder();
        r.actCost = 30_000_000; // 30 ms per command
        new Pacing(0, null, 5).act(r.adapter(), Action.RELEASE, ids(3), NOTHING, r);
        assertThat(r.batchTimes).containsExactly(0L, 200_000_000L, 400_000_000L);
        assertThat(r.sleeps).containsOnly(170_000_000L);
    }

    @Test
    void batchesWithAPause() {
        Recorder r = new Recorder();
        new Pacing(4, Duration.ofSeconds(2), 0).act(r.adapter(), Action.DELIVER, ids(10), NOTHING, r);
        assertThat(r.batches).extracting(List::size).containsExactly(4, 4, 2);
        assertThat(r.sleeps).containsExactly(2_000_000_000L, 2_000_000_000L);
    }

    @Test
    void rates() {
        assertThat(Pacing.parseRate("5/s")).isEqualTo(5);
        assertThat(Pacing.parseRate("5")).isEqualTo(5);
        assertThat(Pacing.parseRate("300/m")).isEqualTo(5);
        assertThat(Pacing.parseRate("1800/h")).isEqualTo(0.5);
        assertThat(new Pacing(0, null, 0.5).batchSize()).isEqualTo(1);
        assertThat(new Pacing(0, null, 0.5).intervalNanos()).isEqualTo(2_000_000_000L);
        assertThatThrownBy(() -> Pacing.parseRate("fast")).hasMessageContaining("invalid rate");
        assertThatThrownBy(() -> Pacing.parseRate("0/s")).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> new Pacing(0, Duration.ofSeconds(1), 0)).hasMessageContaining("--pause needs --batch");
    }
}
