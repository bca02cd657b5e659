package dev.qctl.queue;

import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.QueuedMessage;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The messages of one action on one host and what became of each, in about 40 bytes a message
 * (a million fit in a 64 MiB heap): the ID's bytes, the arrival second and a hash of the sender
 * (enough to tell a reused queue ID from the message selected), the result and its detail. Columns
 * grow in fixed blocks, never by copying. IDs are unique: adding one twice returns the first index.
 * Outcomes may be set from several threads (stdout and stderr readers).
 */
public final class MessageTable {
    /** No outcome yet, and not handed to the MTA. */
    static final byte PENDING = -1;
    /** Handed to the MTA (on its stdin or command line), no outcome yet. */
    static final byte IN_FLIGHT = -2;

    private static final int BLOCK_BITS = 16;
    private static final int BLOCK = 1 << BLOCK_BITS;
    private static final int ARENA_BITS = 20;
    private static final char NO_DETAIL = 0;
    private static final char SPARSE = Character.MAX_VALUE;

    private final List<byte[]> arena = new ArrayList<>();
    private int arenaUsed = ARENA_BLOCK_SIZE;
    private static final int ARENA_BLOCK_SIZE = 1 << ARENA_BITS;

    private int[][] offsets = new int[16][];
    private int[][] arrivals = new int[16][];
    private int[][] senders = new int[16][];
    private byte[][] results = new byte[16][];
    private char[][] details = new char[16][];
    private final List<String> distinctDetails = new ArrayList<>(List.of(""));
    private final Map<String, Character> detailCodes = new HashMap<>();
    private final Map<Integer, String> sparseDetails = new HashMap<>();
    private int[] slots = new int[1024];
    private int size;

    public int size() {
        return size;
    }

    /** Adds a message; returns its index, or the index it already had. The ID must be ASCII (validated). */
    public int add(String id, QueuedMessage m) {
        return add(id, m == null ? 0 : m.arrival().getEpochSecond(), m == null ? 0 : m.sender().hashCode());
    }

    public int add(String id) {
        return add(id, 0, 0);
    }

    private int add(String id, long arrival, int senderHash) {
        int existing = indexOf(id);
        if (existing >= 0) {
            return existing;
        }
        byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("queue ID too long");
        }
        if (arenaUsed + bytes.length + 1 > ARENA_BLOCK_SIZE) {
            arena.add(new byte[ARENA_BLOCK_SIZE]);
            arenaUsed = 0;
        }
        int block = arena.size() - 1;
        byte[] into = arena.get(block);
        int offset = (block << ARENA_BITS) | arenaUsed;
        into[arenaUsed] = (byte) bytes.length;
        System.arraycopy(bytes, 0, into, arenaUsed + 1, bytes.length);
        arenaUsed += bytes.length + 1;

        int i = size++;
        ensureBlock(i);
        offsets[i >>> BLOCK_BITS][i & (BLOCK - 1)] = offset;
        arrivals[i >>> BLOCK_BITS][i & (BLOCK - 1)] = (int) arrival;
        senders[i >>> BLOCK_BITS][i & (BLOCK - 1)] = senderHash;
        results[i >>> BLOCK_BITS][i & (BLOCK - 1)] = PENDING;
        insertSlot(i, hash(bytes, 0, bytes.length));
        return i;
    }

    private void ensureBlock(int i) {
        int b = i >>> BLOCK_BITS;
        if (b >= offsets.length) {
            int n = offsets.length * 2;
            offsets = java.util.Arrays.copyOf(offsets, n);
            arrivals = java.util.Arrays.copyOf(arrivals, n);
            senders = java.util.Arrays.copyOf(senders, n);
            results = java.util.Arrays.copyOf(results, n);
            details = java.util.Arrays.copyOf(details, n);
        }
        if (offsets[b] == null) {
            offsets[b] = new int[BLOCK];
            arrivals[b] = new int[BLOCK];
            senders[b] = new int[BLOCK];
            results[b] = new byte[BLOCK];
            details[b] = new char[BLOCK];
        }
    }

    public String id(int i) {
        int offset = offsets[i >>> BLOCK_BITS][i & (BLOCK - 1)];
        byte[] block = arena.get(offset >>> ARENA_BITS);
        int at = offset & (ARENA_BLOCK_SIZE - 1);
        return new String(block, at + 1, block[at] & 0xff, StandardCharsets.US_ASCII);
    }

    /** The index of this ID, or -1. */
    public int indexOf(String id) {
        if (size == 0) {
            return -1;
        }
        int mask = slots.length - 1;
        int h = hash(id);
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int entry = slots[s];
            if (entry == 0) {
                return -1;
            }
            if (idEquals(entry - 1, id)) {
                return entry - 1;
            }
        }
    }

    public boolean contains(String id) {
        return indexOf(id) >= 0;
    }

    /** Whether this record is the message selected at {@code i}, not a later one with the same (reused) ID. */
    public boolean sameMessage(int i, QueuedMessage m) {
        return m.id().equals(id(i)) && arrivals[i >>> BLOCK_BITS][i & (BLOCK - 1)] == (int) m.arrival().getEpochSecond()
                && senders[i >>> BLOCK_BITS][i & (BLOCK - 1)] == m.sender().hashCode();
    }

    public synchronized void setOutcome(int i, Result result, String detail) {
        results[i >>> BLOCK_BITS][i & (BLOCK - 1)] = (byte) result.ordinal();
        details[i >>> BLOCK_BITS][i & (BLOCK - 1)] = code(i, detail);
    }

    /** Sets the outcome only where there is none yet; true if it was set. */
    public synchronized boolean setOutcomeIfOpen(int i, Result result, String detail) {
        if (results[i >>> BLOCK_BITS][i & (BLOCK - 1)] >= 0) {
            return false;
        }
        setOutcome(i, result, detail);
        return true;
    }

    synchronized void markInFlight(int i) {
        if (results[i >>> BLOCK_BITS][i & (BLOCK - 1)] == PENDING) {
            results[i >>> BLOCK_BITS][i & (BLOCK - 1)] = IN_FLIGHT;
        }
    }

    synchronized byte state(int i) {
        return results[i >>> BLOCK_BITS][i & (BLOCK - 1)];
    }

    /** The outcome, or null while there is none. */
    public synchronized Result result(int i) {
        byte r = results[i >>> BLOCK_BITS][i & (BLOCK - 1)];
        return r < 0 ? null : Result.of(r);
    }

    public synchronized String detail(int i) {
        char c = details[i >>> BLOCK_BITS][i & (BLOCK - 1)];
        return c == SPARSE ? sparseDetails.get(i) : distinctDetails.get(c);
    }

    /** How many messages have this outcome. */
    public synchronized int count(Result result) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (results[i >>> BLOCK_BITS][i & (BLOCK - 1)] == result.ordinal()) {
                n++;
            }
        }
        return n;
    }

    /** The IDs in order, as a list whose strings are made when read (nothing is copied). */
    public List<String> ids() {
        return new IdList(null);
    }

    /** The IDs of the messages without an outcome yet, in order. */
    public synchronized List<String> open() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += state(i) < 0 ? 1 : 0;
        }
        int[] open = new int[n];
        for (int i = 0, k = 0; i < size; i++) {
            if (state(i) < 0) {
                open[k++] = i;
            }
        }
        return new IdList(open);
    }

    private char code(int i, String detail) {
        sparseDetails.remove(i);
        if (detail == null || detail.isEmpty()) {
            return NO_DETAIL;
        }
        Character known = detailCodes.get(detail);
        if (known != null) {
            return known;
        }
        if (distinctDetails.size() < SPARSE - 1 && detailCodes.size() < 4096) {
            char c = (char) distinctDetails.size();
            distinctDetails.add(detail);
            detailCodes.put(detail, c);
            return c;
        }
        sparseDetails.put(i, detail); // details that name their message (the MTA's words) are rare
        return SPARSE;
    }

    private void insertSlot(int index, int h) {
        if ((size + 1) * 2 > slots.length) {
            rehash();
        }
        int mask = slots.length - 1;
        int s = h & mask;
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = index + 1;
    }

    private void rehash() {
        int[] old = slots;
        slots = new int[old.length * 2];
        int mask = slots.length - 1;
        for (int entry : old) {
            if (entry != 0) {
                int s = hash(id(entry - 1)) & mask;
                while (slots[s] != 0) {
                    s = (s + 1) & mask;
                }
                slots[s] = entry;
            }
        }
    }

    private boolean idEquals(int i, String id) {
        int offset = offsets[i >>> BLOCK_BITS][i & (BLOCK - 1)];
        byte[] block = arena.get(offset >>> ARENA_BITS);
        int at = offset & (ARENA_BLOCK_SIZE - 1);
        int length = block[at] & 0xff;
        if (length != id.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (block[at + 1 + k] != id.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(String id) {
        int h = 0;
        for (int k = 0; k < id.length(); k++) {
            h = 31 * h + (id.charAt(k) & 0xff);
        }
        return mix(h);
    }

    private static int hash(byte[] bytes, int from, int length) {
        int h = 0;
        for (int k = from; k < from + length; k++) {
            h = 31 * h + (bytes[k] & 0xff);
        }
        return mix(h);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }

    /** A read-only view of the IDs (all, or those at the given indexes). */
    private final class IdList extends AbstractList<String> implements RandomAccess {
        private final int[] indexes;

        IdList(int[] indexes) {
            this.indexes = indexes;
        }

        @Override
        public String get(int k) {
            return id(indexes == null ? k : indexes[k]);
        }

        @Override
        public int size() {
            return indexes == null ? MessageTable.this.size : indexes.length;
        }
    }
}
