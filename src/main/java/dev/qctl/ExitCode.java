package dev.qctl;

/** qctl's exit codes: the table in the README and the man page is this one. */
public enum ExitCode {
    /** Everything asked for was done. */
    OK(0),
    /** An error not covered below. */
    ERROR(1),
    /** Bad command line: unknown option, bad filter or duration syntax. */
    USAGE(2),
    /** Some messages or hosts succeeded, some did not. */
    PARTIAL(3),
    /** No MTA found on the target, or the target cannot be reached. */
    UNAVAILABLE(4),
    /** The MTA refused: qctl needs root (or --sudo) for this. */
    PERMISSION(5),
    /** A queue ID given does not exist in the queue. */
    NOT_FOUND(6),
    /** A queue ID given is not valid for the MTA's ID grammar; nothing was run. */
    BAD_ID(7);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
