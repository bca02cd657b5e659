package dev.qctl.exec.ssh;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One daemon timer thread for all deadlines (connect, command): cheap, and never keeps the JVM
 * alive. Actions run on their own daemon threads, since closing a connection can block.
 */
public final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qctl-deadlines");
        t.setDaemon(true);
        return t;
    });

    private static final ExecutorService ACTIONS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "qctl-deadline-action");
        t.setDaemon(true);
        return t;
    });

    private Watchdog() {
    }

    /** Runs the action after the delay unless cancelled; a zero delay means no deadline. */
    public static ScheduledFuture<?> after(Duration delay, Runnable action) {
        if (delay.isZero() || delay.isNegative()) {
            return null;
        }
        return TIMER.schedule(() -> ACTIONS.execute(action), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
