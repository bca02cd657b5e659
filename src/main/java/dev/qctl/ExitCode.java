package dev.qctl;

/** qctl's exit codes: the README's and qctl(1)'s tables are generated from this one. */
public enum ExitCode {
    /** Everything asked for was done. */
    OK(0, "success"),
    /** An error not covered below. */
    ERROR(1, "an error not listed below, or an action declined at the confirmation prompt"),
    /** Bad command line: unknown option, bad filter or duration syntax. */
    USAGE(2, "usage: unknown option, bad filter, duration, size or pattern syntax"),
    /** Some messages or hosts succeeded, some did not. */
    PARTIAL(3, "partial success: some messages or hosts failed"),
    /** No MTA found on the target, or the target cannot be reached. */
    UNAVAILABLE(4, "no MTA found on the target, the MTA is not running, or the target cannot be reached"),
    /** The MTA refused: qctl needs root (or --sudo) for this. */
    PERMISSION(5, "permission denied: run as root, or with `--sudo` and a sudoers rule"),
    /** A queue ID given does not exist in the queue. */
    NOT_FOUND(6, "a queue ID given is not in the queue"),
    /** A queue ID given is not valid for the MTA's ID grammar; nothing was run. */
    BAD_ID(7, "a queue ID given is malformed for the MTA's ID grammar (nothing was run)"),
    /** Quarantining would leave the target too little free space (or exceed the quarantine's cap); nothing was deleted. */
    NO_SPACE(8, "delete --quarantine refused: the target's free space or the quarantine's size cap (nothing was deleted)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** One line for the tables of the README and qctl(1), which are generated from it. */
    public String meaning() {
        return meaning;
    }

    public int code() {
        return code;
    }

    /**
     * The one mapping of a failure to an exit code, for the CLI and for each host of a fan-out:
     * qctl's own errors carry theirs, a bad argument is a usage error, anything else is a bug.
     */
    public static ExitCode of(Throwable e) {
        if (e instanceof QctlException q) {
            return q.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return ERROR;
    }

    /** The failure's one line: its own message, or, for a bug, what it was. */
    public static String messageOf(Throwable e) {
        if (e instanceof QctlException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (the Java heap is " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB; give more with JAVA_OPTS=-Xmx…)";
        }
        return "internal error: " + e;
    }
}
