package dev.qctl.monitor;

/** The monitoring-plugins states, in order of severity, with their exit codes. */
public enum CheckState {
    OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

    private final int exitCode;

    CheckState(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public CheckState worse(CheckState other) {
        return severity(other) > severity(this) ? other : this;
    }

    private static int severity(CheckState s) {
        // UNKNOWN ranks between WARNING and CRITICAL only in some plugins; qctl treats it as the
        // most urgent to report, except that CRITICAL on another host stays CRITICAL.
        switch (s) {
            case OK:
                return 0;
            case WARNING:
                return 1;
            case UNKNOWN:
                return 2;
            default:
                return 3;
        }
    }
}
