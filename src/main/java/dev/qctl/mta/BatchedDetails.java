package dev.qctl.mta;

import dev.qctl.model.MessageDetails;
import dev.qctl.model.QueuedMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Adds optional fields to a listing in batches, as it streams: {@code batchSize} records are read,
 * their details fetched by one command ({@code fetch}: IDs to details), and the records passed on in
 * listing order. While one batch is fetched the listing goes on and the next batch's fetch starts, so
 * the MTA's lister and its reader run side by side; at most {@code inFlight} batches are held, so the
 * memory is bounded whatever the queue's size. A record whose details did not come back (the message
 * left the queue meanwhile) is dropped, as a listing taken a moment later would not show it.
 */
public final class BatchedDetails implements Iterator<QueuedMessage> {
    private final Iterator<QueuedMessage> source;
    private final Function<List<String>, Map<String, MessageDetails>> fetch;
    private final int batchSize;
    private final int inFlight;
    private final ExecutorService workers;
    private final Deque<Batch> pending = new ArrayDeque<>();
    private Iterator<QueuedMessage> current = List.<QueuedMessage>of().iterator();
    private QueuedMessage next;

    private record Batch(List<QueuedMessage> records, Future<Map<String, MessageDetails>> details) {
    }

    private BatchedDetails(Iterator<QueuedMessage> source, Function<List<String>, Map<String, MessageDetails>> fetch,
                           int batchSize, int inFlight) {
        this.source = source;
        this.fetch = fetch;
        this.batchSize = batchSize;
        this.inFlight = inFlight;
        this.workers = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, "qctl-details");
            t.setDaemon(true);
            return t;
        });
    }

    public static Stream<QueuedMessage> of(Stream<QueuedMessage> listing,
                                           Function<List<String>, Map<String, MessageDetails>> fetch,
                                           int batchSize, int inFlight) {
        BatchedDetails batched = new BatchedDetails(listing.iterator(), fetch, batchSize, inFlight);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batched, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(() -> {
                    batched.workers.shutdownNow();
                    listing.close();
                });
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (current.hasNext()) {
                next = current.next();
                break;
            }
            fill();
            if (pending.isEmpty()) {
                workers.shutdown();
                return false;
            }
            current = merge(pending.removeFirst()).iterator();
        }
        return true;
    }

    @Override
    public QueuedMessage next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        QueuedMessage m = next;
        next = null;
        return m;
    }

    /** Reads the listing until {@code inFlight} batches are being fetched (or the listing ends). */
    private void fill() {
        while (pending.size() < inFlight && source.hasNext()) {
            List<QueuedMessage> records = new ArrayList<>(batchSize);
            while (records.size() < batchSize && source.hasNext()) {
                records.add(source.next());
            }
            List<String> ids = records.stream().map(QueuedMessage::id).toList();
            pending.addLast(new Batch(records, workers.submit(() -> fetch.apply(ids))));
        }
    }

    private static List<QueuedMessage> merge(Batch batch) {
        Map<String, MessageDetails> details;
        try {
            details = batch.details().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        List<QueuedMessage> out = new ArrayList<>(batch.records().size());
        for (QueuedMessage m : batch.records()) {
            MessageDetails d = details.get(m.id());
            if (d != null) {
                out.add(m.withDetails(d));
            }
        }
        return out;
    }
}
