package dev.qctl.mta.exim;

/** A spool file that is not (or not yet, or no longer) in Exim's format: truncated, being written, damaged. */
public final class EximSpoolFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public EximSpoolFormatException(String message) {
        super(message);
    }
}
