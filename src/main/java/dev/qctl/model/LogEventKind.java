package dev.qctl.model;

import java.util.Locale;

/** What one mail log line says happened to a message. */
public enum LogEventKind {
    /** The MTA accepted the message (Postfix smtpd client= or pickup, Exim {@code <=}). */
    RECEIVED,
    /** Postfix's qmgr took it into the active queue ({@code from=<…>, size=…, nrcpt=…}). */
    QUEUED,
    /** A delivery attempt failed temporarily (Postfix status=deferred, Exim {@code ==}). */
    DEFERRED,
    /** Delivered, or handed on to the next hop (Postfix status=sent, Exim {@code => -> >>}). */
    SENT,
    /** Failed for good (Postfix status=bounced, Exim {@code **}). */
    BOUNCED,
    /** Returned to its sender at the end of its queue lifetime. */
    EXPIRED,
    /** Gone from the queue (Postfix removed, Exim Completed). */
    REMOVED,
    /** Put on hold (Postfix) or frozen (Exim). */
    HELD,
    /** Released from hold or thawed. */
    RELEASED,
    /** Sent back through the queue (postsuper -r). */
    REQUEUED,
    /** Refused while it was being received. */
    REJECTED,
    /** Anything else (message-id, warnings, connection notes). */
    INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An outcome of a delivery attempt for one recipient. */
    public boolean isAttempt() {
        return this == DEFERRED || this == SENT || this == BOUNCED;
    }

    @Override
    public String toString() {
        return label();
    }
}
