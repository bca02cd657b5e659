package dev.qctl.exec.ssh;

/**
 * sshj logs through SLF4J, and qctl ships no SLF4J backend: without this, SLF4J prints a warning
 * about missing providers on the user's terminal. Choosing SLF4J's own no-op provider silences all
 * of sshj's logging; qctl reports SSH errors itself.
 */
final class QuietLogging {
    private QuietLogging() {
    }

    /** Call before any sshj class is loaded (some of them log through SLF4J statically). */
    static void install() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            // Else SLF4J announces the explicitly chosen provider on stderr.
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }
}
