package dev.qctl.mta;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator over records parsed one at a time from a stream: a subclass only says how to get the
 * next record ({@link #advance()}, null at the end), skipping what does not parse by itself.
 */
public abstract class Lookahead<T> implements Iterator<T> {
    private T next;
    private boolean done;

    /** The next record, or null when the input has ended. */
    protected abstract T advance();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = advance();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T result = next;
        next = null;
        return result;
    }
}
