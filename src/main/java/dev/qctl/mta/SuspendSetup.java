package dev.qctl.mta;

import java.util.List;

/**
 * The one-time integration of qctl's suspension map into an MTA's configuration ({@code qctl setup
 * suspend}): what would change, shown before anything does, then applied with a backup, the MTA's
 * own check and a rollback when that check fails.
 */
public interface SuspendSetup {
    /** Reads the host's configuration and works out what is missing. Changes nothing. */
    Plan plan();

    interface Plan {
        /** The changes, one line each (with the exact configuration text); empty when all is in place. */
        List<String> changes();

        /** Why this host cannot be set up automatically (with what to do by hand), or null. */
        String refusal();

        /** Makes the changes; a failed check restores the backup and throws, naming what happened. */
        void apply(java.util.function.Consumer<String> log);

        default boolean done() {
            return changes().isEmpty() && refusal() == null;
        }
    }
}
