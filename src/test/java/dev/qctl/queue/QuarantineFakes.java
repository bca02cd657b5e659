package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.Mta;
import dev.qctl.model.QuarantinedMessage;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import dev.qctl.mta.Capability;
import dev.qctl.mta.MessagePart;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.OutcomeSink;
import dev.qctl.mta.QuarantineSettings;
import dev.qctl.mta.QuarantineStore;
import dev.qctl.mta.QueueIdGrammar;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** An in-memory queue with an in-memory quarantine, for the act path's quarantine step and restore. */
final class QuarantineFakes {
    private QuarantineFakes() {
    }

    static QueuedMessage message(String id, String sender, Recipient... recipients) {
        return new QueuedMessage("local", Mta.EXIM, id, QueueName.DEFERRED, Instant.parse("2026-11-27T00:00:00Z"), 1000,
                sender, List.of(recipients), false, null);
    }

    static Recipient pending(String address) {
        return new Recipient(address, RecipientStatus.PENDING, null);
    }

    static Recipient delivered(String address) {
        return new Recipient(address, RecipientStatus.DELIVERED, null);
    }

    static final class Adapter implements MtaAdapter {
        final Map<String, QueuedMessage> queue = new LinkedHashMap<>();
        final Store store = new Store(this);
        final List<String> deleted = new ArrayList<>();

        @Override
        public Mta mta() {
            return Mta.EXIM;
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.LIST);
        }

        @Override
        public QueueIdGrammar idGrammar() {
            return new QueueIdGrammar() {
                @Override
                public boolean isValid(String id) {
                    return id.matches("[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}");
                }

                @Override
                public String describe() {
                    return "an Exim ID";
                }
            };
        }

        @Override
        public Stream<QueuedMessage> list(Consumer<String> warnings) {
            return List.copyOf(queue.values()).stream();
        }

        @Override
        public Optional<QueuedMessage> find(String id, Consumer<String> warnings) {
            return Optional.ofNullable(queue.get(id));
        }

        @Override
        public void copyPart(String id, MessagePart part, OutputStream out) {
        }

        @Override
        public Set<Action> actions() {
            return Set.of(Action.DELETE, Action.HOLD);
        }

        @Override
        public void act(Action action, List<String> ids, OutcomeSink sink) {
            for (String id : ids) {
                sink.handedOver(id);
                deleted.add(id);
                queue.remove(id);
                sink.outcome(id, Result.OK, "");
            }
        }

        @Override
        public QuarantineStore quarantine(QuarantineSettings settings) {
            store.settings = settings;
            return store;
        }
    }

    /** Keeps what it is given in runs; IDs in {@code cannotKeep} fail, {@code refuse} makes prepare refuse. */
    static final class Store implements QuarantineStore {
        private final Adapter adapter;
        QuarantineSettings settings;
        final Map<String, List<QuarantinedMessage>> runs = new LinkedHashMap<>();
        final Set<String> cannotKeep = new HashSet<>();
        boolean refuse;
        long prepared = -1;
        final List<Duration> purges = new ArrayList<>();

        Store(Adapter adapter) {
            this.adapter = adapter;
        }

        @Override
        public String directory() {
            return settings.directory() + "/exim";
        }

        @Override
        public long estimate(int messages, long bytes) {
            return bytes + messages;
        }

        @Override
        public List<PurgedRun> prepare(long needBytes) {
            if (refuse) {
                throw new QctlException(ExitCode.NO_SPACE, "not enough free space; nothing was deleted");
            }
            prepared = needBytes;
            return List.of();
        }

        @Override
        public void store(String run, List<String> ids, OutcomeSink sink) {
            for (String id : ids) {
                QueuedMessage m = adapter.queue.get(id);
                if (m == null) {
                    sink.outcome(id, Result.NOT_FOUND, "left the queue before the quarantine");
                } else if (cannotKeep.contains(id)) {
                    sink.outcome(id, Result.FAILED, "not deleted: it could not be quarantined");
                } else {
                    runs.computeIfAbsent(run, r -> new ArrayList<>()).add(new QuarantinedMessage(run, Instant.EPOCH, m));
                    sink.outcome(id, Result.OK, "");
                }
            }
        }

        @Override
        public Stream<QuarantinedMessage> list(Consumer<String> warnings) {
            return runs.values().stream().flatMap(List::stream).toList().stream();
        }

        @Override
        public void restore(String run, List<QueuedMessage> messages, OutcomeSink sink) {
            for (QueuedMessage m : messages) {
                if (adapter.queue.containsKey(m.id())) {
                    sink.outcome(m.id(), Result.FAILED, "its queue ID is taken");
                    continue;
                }
                runs.get(run).removeIf(q -> q.message().id().equals(m.id()));
                adapter.queue.put(m.id(), m);
                sink.outcome(m.id(), Result.OK, "");
            }
        }

        @Override
        public List<PurgedRun> purge(Duration olderThan) {
            purges.add(olderThan);
            return List.of();
        }
    }
}
