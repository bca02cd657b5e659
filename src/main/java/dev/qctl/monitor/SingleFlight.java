package dev.qctl.monitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Callers that arrive while a computation runs wait for that one and share its result: two scrapes
 * at once never read the same hosts twice at once (each would otherwise cost a full queue read).
 */
public final class SingleFlight<T> {
    private final Supplier<T> compute;
    private CompletableFuture<T> running;

    public SingleFlight(Supplier<T> compute) {
        this.compute = compute;
    }

    public T get() throws InterruptedException {
        CompletableFuture<T> mine;
        boolean leader = false;
        synchronized (this) {
            if (running == null) {
                running = new CompletableFuture<>();
                leader = true;
            }
            mine = running;
        }
        if (leader) {
            try {
                mine.complete(compute.get());
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    running = null;
                }
            }
        }
        try {
            return mine.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
