package dev.qctl.mta;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one-time integration of qctl's suspension map into an MTA's configuration ({@code qctl setup
 * suspend}): what would change, shown before anything does, then applied with a backup, the MTA's
 * own check and a rollback when that check fails.
 */
public interface SuspendSetup {
    /** Reads the host's configuration and works out what is missing. Changes nothing. */
    Plan plan();

    /** Makes one host's changes, logging each step; a failed check restores the backup and throws. */
    @FunctionalInterface
    interface Change {
        void make(Consumer<String> log);
    }

    /**
     * @param changes the changes, one line each (with the exact configuration text); empty when all is in place
     * @param refusal why this host cannot be set up automatically (with what to do by hand), or null
     * @param change  what {@link #apply} does
     */
    record Plan(List<String> changes, String refusal, Change change) {
        public Plan {
            changes = List.copyOf(changes);
        }

        /** Makes the changes; a refused plan is a usage error and changes nothing. */
        public void apply(Consumer<String> log) {
            if (refusal != null) {
                throw new QctlException(ExitCode.USAGE, refusal);
            }
            change.make(log);
        }

        public boolean done() {
            return changes.isEmpty() && refusal == null;
        }
    }
}
