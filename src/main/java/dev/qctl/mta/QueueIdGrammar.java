package dev.qctl.mta;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Sanitizer;

/** The shape of an MTA's queue IDs; every ID is checked against it before any command runs. */
public interface QueueIdGrammar {
    boolean isValid(String id);

    /** A human description of valid IDs, for the error message. */
    String describe();

    /**
     * Whether this ID may name a different message later (Postfix short IDs): an action on a
     * message selected earlier then checks it is still the same message.
     */
    default boolean mayBeReused(String id) {
        return false;
    }

    default String require(String id) {
        if (id == null || !isValid(id)) {
            throw new QctlException(ExitCode.BAD_ID,
                    "malformed queue ID '" + Sanitizer.inline(String.valueOf(id)) + "': expected " + describe());
        }
        return id;
    }
}
