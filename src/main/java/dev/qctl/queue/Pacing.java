package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Action;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.mta.OutcomeSink;
import java.time.Duration;
import java.util.List;

/**
 * How fast an action hands messages to the MTA, to feed a backlog back without a burst
 * ({@code --rate N/s}, {@code --batch N --pause DURATION}): the IDs go to the adapter's one
 * {@code act} in batches, each batch started no sooner than its share of the rate allows and at
 * least {@code pause} after the one before. Unpaced, all IDs go at once, as ever.
 *
 * @param batch IDs per batch (0: chosen from the rate, a tenth of a second's worth, at least 1)
 * @param pause the wait after each batch
 * @param rate  messages per second at most (0: no rate)
 */
public record Pacing(int batch, Duration pause, double rate) {
    public static final Pacing NONE = new Pacing(0, Duration.ZERO, 0);

    public Pacing {
        pause = pause == null ? Duration.ZERO : pause;
        if (batch < 0 || rate < 0 || pause.isNegative()) {
            throw new IllegalArgumentException("pacing values must not be negative");
        }
        if (batch == 0 && rate == 0 && !pause.isZero()) {
            throw new IllegalArgumentException("--pause needs --batch N (or --rate N/s)");
        }
    }

    public boolean paced() {
        return batch > 0 || rate > 0;
    }

    /** IDs handed over at once. */
    public int batchSize() {
        if (batch > 0) {
            return batch;
        }
        return rate > 0 ? (int) Math.max(1, Math.ceil(rate / 10)) : Integer.MAX_VALUE;
    }

    /** The least time from one batch's start to the next one's, from the rate. */
    long intervalNanos() {
        return rate > 0 ? (long) (batchSize() / rate * 1e9) : 0;
    }

    /** Waits; a test hands in one that records instead. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;

        long nanoTime();

        Sleeper SYSTEM = new Sleeper() {
            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
    }

    /** Runs the action on the IDs through the adapter, paced. A failing batch stops the rest (never handed over). */
    void act(MtaAdapter adapter, Action action, List<String> ids, OutcomeSink sink) {
        act(adapter, action, ids, sink, Sleeper.SYSTEM);
    }

    void act(MtaAdapter adapter, Action action, List<String> ids, OutcomeSink sink, Sleeper sleeper) {
        if (!paced()) {
            adapter.act(action, ids, sink);
            return;
        }
        int size = batchSize();
        long interval = intervalNanos();
        long start = sleeper.nanoTime();
        try {
            for (int from = 0, k = 0; from < ids.size(); from += size, k++) {
                if (k > 0) {
                    long due = start + k * interval - sleeper.nanoTime();
                    long wait = Math.max(due, pause.toNanos());
                    if (wait > 0) {
                        sleeper.sleepNanos(wait);
                    }
                }
                adapter.act(action, ids.subList(from, Math.min(ids.size(), from + size)), sink);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QctlException(ExitCode.ERROR, "interrupted while pacing the " + action.label());
        }
    }

    /** {@code 5/s}, {@code 300/m}, {@code 1000/h}, or a plain number per second. */
    public static double parseRate(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(?:/([smh]))?").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid rate '" + text + "' (use e.g. 5/s, 300/m, 1000/h)");
        }
        double n = Double.parseDouble(m.group(1));
        double per = m.group(2) == null || m.group(2).equals("s") ? 1 : m.group(2).equals("m") ? 60 : 3600;
        if (n <= 0 || n / per > 1_000_000) {
            throw new IllegalArgumentException("invalid rate '" + text + "': more than 0, at most 1000000/s");
        }
        return n / per;
    }
}
