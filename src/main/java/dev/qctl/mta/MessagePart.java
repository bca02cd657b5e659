package dev.qctl.mta;

/** The parts of a stored message that {@code qctl show} can print. */
public enum MessagePart {
    /** The header section as stored. */
    HEADERS,
    /** The body as stored. */
    BODY,
    /** Headers, blank line, body: the message exactly as stored (RFC 5322). */
    RAW,
    /** The MTA's own per-message log (Exim's msglog). */
    LOG
}
