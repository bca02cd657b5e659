package dev.qctl.mta;

import dev.qctl.model.ActionOutcome.Result;

/**
 * Where an adapter reports, as the MTA's output streams, what its action did to each message. An
 * ID handed to the MTA (on its stdin or command line) that gets no outcome before a failure is
 * unknown; one never handed over is not attempted. An ID's first outcome is the one that counts:
 * an adapter may end by reporting a default (not found) for every ID, later ones are ignored.
 */
public interface OutcomeSink {
    void outcome(String id, Result result, String detail);

    /** The MTA has been given this ID. */
    void handedOver(String id);
}
