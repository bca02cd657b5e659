package dev.qctl.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most frequent keys of a stream in bounded memory (the Space-Saving algorithm of Metwally et
 * al.): at most {@code capacity} keys are tracked; a new key takes the place of the least counted
 * one and inherits its count as possible error. Exact while there are no more distinct keys than
 * the capacity; beyond that, any key with more than 1/capacity of the total is still kept, and its
 * {@link Entry#guaranteed()} count is a lower bound.
 */
public final class TopCounter {
    /** A key, its count and how much of that count may belong to keys it replaced. */
    public record Entry(String key, long count, long error) {
        public long guaranteed() {
            return count - error;
        }
    }

    private final int capacity;
    private final Map<String, long[]> counts = new HashMap<>(); // key -> {count, error}
    private long total;

    public TopCounter(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public void add(String key) {
        add(key, 1);
    }

    /** Counts {@code n} more for the key; returns the key it replaced (no longer tracked), or null. */
    public String add(String key, long n) {
        total += n;
        long[] c = counts.get(key);
        if (c != null) {
            c[0] += n;
            return null;
        }
        if (counts.size() < capacity) {
            counts.put(key, new long[] {n, 0});
            return null;
        }
        Map.Entry<String, long[]> least = null;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (least == null || e.getValue()[0] < least.getValue()[0]) {
                least = e;
            }
        }
        long floor = least.getValue()[0];
        counts.remove(least.getKey());
        counts.put(key, new long[] {floor + n, floor});
        return least.getKey();
    }

    /** Everything counted, tracked or not. */
    public long total() {
        return total;
    }

    /** True while every key seen is still tracked, so the counts are exact. */
    public boolean exact() {
        return counts.values().stream().allMatch(c -> c[1] == 0) && counts.values().stream().mapToLong(c -> c[0]).sum() == total;
    }

    /** The {@code n} highest counts, ties by key, so output is deterministic. */
    public List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>(counts.size());
        counts.forEach((k, c) -> all.add(new Entry(k, c[0], c[1])));
        all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key));
        return all.subList(0, Math.min(n, all.size()));
    }

    /** Adds everything {@code other} tracked (for totals over hosts). */
    public void addAll(TopCounter other) {
        other.counts.forEach((k, c) -> add(k, c[0]));
        total += other.total - other.counts.values().stream().mapToLong(c -> c[0]).sum();
    }
}
