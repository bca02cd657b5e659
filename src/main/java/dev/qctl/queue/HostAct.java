package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.OutcomeSink;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's part of an action, from its selection to the last outcome: the messages known before
 * acting ({@code early}: IDs not in the queue, outside the filter, already in the state asked for),
 * the selected ones with their outcomes as the MTA reports them, and the error that stopped the
 * host, if any. Outcomes arrive from the MTA's output readers; once the host is settled, late ones
 * are ignored.
 */
final class HostAct implements OutcomeSink {
    final String host;
    final int index;
    MtaAdapter adapter;
    final MessageTable early = new MessageTable();
    final MessageTable selected = new MessageTable();
    final List<QueuedMessage> sample = new ArrayList<>();
    /** The selected messages' bytes as the MTA counts them (what a quarantine must make room for). */
    long selectedBytes;
    /** The selection was read by looking the IDs up, not by listing the queue (so is the re-check). */
    boolean lookedUp;
    /** When reading the selection began and ended: how old it is when the action starts. */
    java.time.Instant readFrom;
    java.time.Instant readUntil;
    private volatile Progress progress = Progress.NONE;
    private volatile String error;
    private volatile ExitCode errorCode;
    /** The host never got as far as acting (it could not be reached, or cannot do the action). */
    boolean unresolved;

    HostAct(String host, int index) {
        this.host = host;
        this.index = index;
    }

    void progress(Progress p) {
        progress = p;
    }

    @Override
    public void outcome(String id, Result result, String detail) {
        int i = selected.indexOf(id);
        if (i >= 0 && selected.setOutcomeIfOpen(i, result, detail)) {
            progress.advance(1);
        }
    }

    /** An outcome found by qctl itself (re-check, recovery): counted like the MTA's. */
    void settle(int i, Result result, String detail) {
        if (selected.setOutcomeIfOpen(i, result, detail)) {
            progress.advance(1);
        }
    }

    @Override
    public void handedOver(String id) {
        int i = selected.indexOf(id);
        if (i >= 0) {
            selected.markInFlight(i);
        }
    }

    void fail(String message, ExitCode code) {
        if (error == null) {
            error = message;
            errorCode = code;
        }
    }

    String error() {
        return error;
    }

    ExitCode errorCode() {
        return errorCode;
    }
}
