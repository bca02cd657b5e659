package dev.qctl.output;

import dev.qctl.queue.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (messages done / total, rate, time left) for work that runs longer than
 * {@link #DELAY}: short commands never show one. Drawn by the progressbar library on its own
 * thread, over JLine; cleared when the work is over, so the results print on a clean line.
 */
public final class TerminalProgress implements Progress {
    static final Duration DELAY = Duration.ofMillis(1500);

    private final PrintStream err;
    private final String task;
    private final int width;
    private final long started = System.nanoTime();
    private volatile long total = -1;
    private long done;
    private ProgressBar bar;
    private boolean closed;

    private TerminalProgress(PrintStream err, String task, int width) {
        this.err = err;
        this.task = task;
        this.width = width;
    }

    /** A bar when a person watches stderr, else nothing at all. */
    public static Progress onStderr(PrintStream err, String task, boolean wanted) {
        if (!wanted || !Terminal.stderrIsTerminal()) {
            return Progress.NONE;
        }
        int columns = TerminalSize.columns();
        return new TerminalProgress(err, task, columns > 20 ? columns - 1 : 79);
    }

    @Override
    public void total(long n) {
        total = n;
    }

    @Override
    public synchronized void advance(long n) {
        done += n;
        if (closed) {
            return;
        }
        if (bar == null && System.nanoTime() - started >= DELAY.toNanos()) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                    .setSpeedUnit(ChronoUnit.SECONDS).setUnit(" msgs", 1).clearDisplayOnFinish()
                    .setConsumer(new ConsoleProgressBarConsumer(err, width)).build();
        }
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (bar != null) {
            bar.close();
            err.flush();
        }
    }
}
