package dev.qctl.tui;

import dev.qctl.model.QueuedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads the queues of every host of the browser into one list, several hosts at once (at most
 * {@code parallel}), so a refresh takes as long as the slowest host rather than the sum of all.
 * A host that fails is named with why; the others' messages still come.
 */
final class QueueLoader {
    /** One load: every message read (each tagged with its host) and the hosts that failed (host → why). */
    record Loaded(List<QueuedMessage> messages, Map<String, String> failures) {
    }

    private final List<Target> targets;
    private final int parallel;
    private final long progressMillis;

    /** @param progressMillis how often {@code progress} may get the messages read so far */
    QueueLoader(List<Target> targets, int parallel, long progressMillis) {
        this.targets = List.copyOf(targets);
        this.parallel = Math.max(1, Math.min(parallel, targets.size()));
        this.progressMillis = progressMillis;
    }

    /**
     * Reads every host; {@code progress} (may be null) gets the partial list now and then while
     * hosts are still streaming in, {@code warnings} the records a host could not parse.
     */
    Loaded load(Consumer<List<QueuedMessage>> progress, Consumer<String> warnings) throws InterruptedException {
        Progress sofar = new Progress(progress);
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "qctl-tui-host");
            t.setDaemon(true); // a host that hangs must not keep qctl alive after quitting
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Target target : targets) {
                running.add(pool.submit(() -> read(target, sofar, warnings)));
            }
            Map<String, String> failures = new LinkedHashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                try {
                    running.get(i).get();
                } catch (ExecutionException e) {
                    failures.put(targets.get(i).host(), why(e.getCause()));
                }
            }
            // A host that failed half-way shows none of its messages rather than some of them.
            List<QueuedMessage> read = sofar.all().stream().filter(m -> !failures.containsKey(m.host())).toList();
            return new Loaded(read, failures);
        } finally {
            pool.shutdownNow(); // interrupted (the browser quit): stop every host's command too
        }
    }

    private Void read(Target target, Progress sofar, Consumer<String> warnings) {
        String prefix = targets.size() > 1 ? target.host() + ": " : "";
        try (Stream<QueuedMessage> all = target.adapter().list(w -> warnings.accept(prefix + w))) {
            var it = all.iterator();
            while (it.hasNext() && !Thread.currentThread().isInterrupted()) {
                sofar.add(it.next().withHost(target.host()));
            }
        }
        return null;
    }

    private static String why(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** What every host read so far; hands a copy to {@code progress} at most every {@code progressMillis}. */
    private final class Progress {
        private final Consumer<List<QueuedMessage>> progress;
        private final List<QueuedMessage> loaded = new ArrayList<>();
        private long lastShown = System.currentTimeMillis();

        Progress(Consumer<List<QueuedMessage>> progress) {
            this.progress = progress;
        }

        synchronized void add(QueuedMessage m) {
            loaded.add(m);
            if (progress != null && System.currentTimeMillis() - lastShown >= progressMillis) {
                lastShown = System.currentTimeMillis();
                progress.accept(List.copyOf(loaded));
            }
        }

        synchronized List<QueuedMessage> all() {
            return List.copyOf(loaded);
        }
    }
}
