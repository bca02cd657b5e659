package dev.qctl.queue;

import dev.qctl.model.Durations;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.ExecException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one task per host with bounded concurrency and a per-host deadline, and hands the results
 * back in the order the hosts were given. With several hosts a host that fails becomes an error
 * result; a single host keeps the plain behaviour: its error is thrown, as without fan-out.
 */
public final class Fleet implements AutoCloseable {
    private final List<HostTarget> hosts;
    private final int parallel;
    private final Duration deadline;

    /** The work for one host; {@code index} is its position (0 for the first host). */
    @FunctionalInterface
    public interface Task<T> {
        T run(HostTarget host, int index);
    }

    public Fleet(List<HostTarget> hosts, int parallel, Duration deadline) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no hosts to work on");
        }
        this.hosts = List.copyOf(hosts);
        this.parallel = Math.max(1, parallel);
        this.deadline = deadline;
    }

    public List<HostTarget> hosts() {
        return hosts;
    }

    /** How many hosts are worked on at once. */
    public int parallel() {
        return parallel;
    }

    /** How long one host may take. */
    public Duration deadline() {
        return deadline;
    }

    /** The same hosts (and connections) with another per-host deadline, e.g. a scrape's. */
    public Fleet withDeadline(Duration other) {
        return new Fleet(hosts, parallel, other);
    }

    public boolean several() {
        return hosts.size() > 1;
    }

    public <T> List<HostResult<T>> run(Task<T> task) {
        return run(task, r -> { });
    }

    /**
     * Runs the task on every host; {@code each} gets each result in host order as soon as that host
     * and every host before it are done (so output can stream host by host).
     */
    public <T> List<HostResult<T>> run(Task<T> task, Consumer<HostResult<T>> each) {
        if (!several()) {
            HostTarget host = hosts.get(0);
            HostResult<T> result;
            try {
                result = HostResult.ok(host.name(), task.run(host, 0));
            } catch (RuntimeException e) {
                throw host.explain(e);
            }
            each.accept(result);
            return List.of(result);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, hosts.size()), r -> {
            Thread t = new Thread(r, "qctl-host");
            t.setDaemon(true); // a host stuck past its deadline must not keep qctl alive
            return t;
        });
        try {
            List<CompletableFuture<Long>> started = new ArrayList<>();
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                CompletableFuture<Long> start = new CompletableFuture<>();
                HostTarget host = hosts.get(i);
                int index = i;
                started.add(start);
                futures.add(pool.submit(() -> {
                    start.complete(System.nanoTime());
                    return task.run(host, index);
                }));
            }
            List<HostResult<T>> results = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                HostResult<T> result = await(hosts.get(i), started.get(i), futures.get(i));
                results.add(result);
                each.accept(result);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private <T> HostResult<T> await(HostTarget host, CompletableFuture<Long> started, Future<T> future) {
        try {
            // The deadline counts from when the host's turn came, not from the start of the run.
            long start = started.get();
            long left = start + deadline.toNanos() - System.nanoTime();
            return HostResult.ok(host.name(), future.get(Math.max(0, left), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            host.abandon();
            return HostResult.failed(host.name(), "no result within " + Durations.human(deadline)
                    + " (--command-timeout)", ExitCode.UNAVAILABLE);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            RuntimeException failure = host.explain(cause instanceof RuntimeException r ? r : new RuntimeException(cause));
            return HostResult.failed(host.name(), message(failure), code(failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            host.abandon();
            return HostResult.failed(host.name(), "interrupted", ExitCode.ERROR);
        }
    }

    static String message(RuntimeException e) {
        if (e instanceof QctlException || e instanceof ExecException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return "internal error: " + e;
    }

    static ExitCode code(RuntimeException e) {
        if (e instanceof QctlException q) {
            return q.exitCode();
        }
        if (e instanceof ExecException x) {
            return x.permissionDenied() ? ExitCode.PERMISSION : ExitCode.UNAVAILABLE;
        }
        return e instanceof IllegalArgumentException ? ExitCode.USAGE : ExitCode.ERROR;
    }

    /** 0 when every host succeeded, 4 when none did, 3 in between. */
    public static ExitCode exitCode(List<? extends HostResult<?>> results) {
        long ok = results.stream().filter(HostResult::ok).count();
        return ok == results.size() ? ExitCode.OK : ok == 0 ? ExitCode.UNAVAILABLE : ExitCode.PARTIAL;
    }

    @Override
    public void close() {
        hosts.forEach(HostTarget::close);
    }
}
