package dev.qctl.tui;

import dev.qctl.model.QueuedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads the queues of every host of the browser, several hosts at once (at most {@code parallel}),
 * and hands over each host's queue as soon as that host is done: a slow host delays only itself.
 * A host that fails is named with why; the others' queues still come.
 */
final class QueueLoader {
    /** One host's whole queue (each message tagged with the host), or why it could not be read. */
    record HostQueue(String host, List<QueuedMessage> messages, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    private final List<Target> targets;
    private final int parallel;
    private final long progressMillis;
    /** What the next read fetches beyond the envelope (the browser sets it from the view's needs). */
    private volatile dev.qctl.model.OptionalFields wanted = dev.qctl.model.OptionalFields.none();

    /** @param progressMillis how often {@code progress} may get the messages read so far */
    QueueLoader(List<Target> targets, int parallel, long progressMillis) {
        this.targets = List.copyOf(targets);
        this.parallel = Math.max(1, Math.min(parallel, targets.size()));
        this.progressMillis = progressMillis;
    }

    void want(dev.qctl.model.OptionalFields fields) {
        wanted = fields;
    }

    dev.qctl.model.OptionalFields wanted() {
        return wanted;
    }

    /**
     * Reads every host and returns when all are done. {@code each} gets every host's queue as soon
     * as it is read (from the reading thread); {@code progress} (may be null) gets what all hosts
     * have streamed so far, now and then; {@code warnings} the records a host could not parse.
     */
    void load(Consumer<List<QueuedMessage>> progress, Consumer<HostQueue> each, Consumer<String> warnings)
            throws InterruptedException {
        Progress sofar = new Progress(progress);
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "qctl-tui-host");
            t.setDaemon(true); // a host that hangs must not keep qctl alive after quitting
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Target target : targets) {
                running.add(pool.submit(() -> each.accept(read(target, sofar, warnings))));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("reading a queue failed outside the host's own errors", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow(); // interrupted (the browser quit): stop every host's command too
        }
    }

    private HostQueue read(Target target, Progress sofar, Consumer<String> warnings) {
        String prefix = targets.size() > 1 ? target.host() + ": " : "";
        List<QueuedMessage> mine = new ArrayList<>();
        try (Stream<QueuedMessage> all = target.adapter().list(wanted, w -> warnings.accept(prefix + w))) {
            var it = all.iterator();
            while (it.hasNext() && !Thread.currentThread().isInterrupted()) {
                QueuedMessage m = it.next().withHost(target.host());
                mine.add(m);
                sofar.add(m);
            }
        } catch (RuntimeException e) {
            // A host that failed half-way shows none of its messages rather than some of them.
            return new HostQueue(target.host(), List.of(), e.getMessage() != null ? e.getMessage() : e.toString());
        }
        return new HostQueue(target.host(), List.copyOf(mine), null);
    }

    /** What every host streamed so far; hands a copy to {@code progress} at most every {@code progressMillis}. */
    private final class Progress {
        private final Consumer<List<QueuedMessage>> progress;
        private final List<QueuedMessage> loaded = new ArrayList<>();
        private long lastShown = System.currentTimeMillis();

        Progress(Consumer<List<QueuedMessage>> progress) {
            this.progress = progress;
        }

        synchronized void add(QueuedMessage m) {
            if (progress == null) {
                return;
            }
            loaded.add(m);
            if (System.currentTimeMillis() - lastShown >= progressMillis) {
                lastShown = System.currentTimeMillis();
                progress.accept(List.copyOf(loaded));
            }
        }
    }
}
