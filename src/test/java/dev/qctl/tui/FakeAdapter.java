package dev.qctl.tui;

import dev.qctl.model.Mta;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.mta.Capability;
import dev.qctl.mta.MessagePart;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.QueueIdGrammar;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An MTA in memory for the browser's tests: a fixed queue (or a failure to read it), the actions
 * it supports, and a record of every action asked of it.
 */
class FakeAdapter implements MtaAdapter {
    private final Mta mta;
    private final List<QueuedMessage> queue;
    private final Set<Action> actions;
    private final RuntimeException failure;
    final List<String> acted = new ArrayList<>();

    FakeAdapter(Mta mta, List<QueuedMessage> queue, Set<Action> actions, RuntimeException failure) {
        this.mta = mta;
        this.queue = List.copyOf(queue);
        this.actions = actions;
        this.failure = failure;
    }

    static FakeAdapter of(Mta mta, Set<Action> actions, List<QueuedMessage> queue) {
        return new FakeAdapter(mta, queue, actions, null);
    }

    /** A host whose queue cannot be read. */
    static FakeAdapter failing(String why) {
        return new FakeAdapter(Mta.POSTFIX, List.of(), Set.of(), new IllegalStateException(why));
    }

    @Override
    public Mta mta() {
        return mta;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public QueueIdGrammar idGrammar() {
        return new QueueIdGrammar() {
            @Override
            public boolean isValid(String id) {
                return id.matches("[A-Z0-9]+");
            }

            @Override
            public String describe() {
                return "capitals and digits";
            }
        };
    }

    @Override
    public Stream<QueuedMessage> list(Consumer<String> warnings) {
        if (failure != null) {
            throw failure;
        }
        return queue.stream();
    }

    @Override
    public Optional<QueuedMessage> find(String id, Consumer<String> warnings) {
        return queue.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    @Override
    public void copyPart(String id, MessagePart part, OutputStream out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<Action> actions() {
        return actions;
    }

    @Override
    public String unsupported(Action action) {
        return mta.displayName() + " cannot " + action.description() + " (try another)";
    }

    @Override
    public void act(Action action, List<String> ids, dev.qctl.mta.OutcomeSink sink) {
        ids.forEach(id -> {
            acted.add(action.label() + " " + id);
            sink.handedOver(id);
            sink.outcome(id, ActionOutcome.Result.OK, "");
        });
    }
}
