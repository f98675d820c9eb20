package io.eventsourcing.dcb;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.WaitInterruptedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link DcbSubscription} that reads a {@link DcbRecorder} in batches and, once it has caught up,
 * waits until {@link #wake()} is called (a backend calls it when events are committed: after its own
 * appends, on a PostgreSQL NOTIFY) or until the poll interval has passed, whichever comes first.
 *
 * <p>Thread-safe: one thread iterates, any thread may {@link #wake()} or {@link #close()}.
 */
public final class DcbPollingSubscription implements DcbSubscription {
    /** How many events one read takes. */
    public static final int BATCH_SIZE = 500;

    private final DcbRecorder recorder;
    private final DcbQuery query;
    private final long pollNanos;
    private final Runnable onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<DcbSequencedEvent> ready = new ArrayDeque<>();
    private long after;
    private long wakes;
    private boolean closed;

    /**
     * @param recorder the store to follow
     * @param query which events
     * @param after start after this position
     * @param pollInterval the longest wait between reads when nothing wakes the subscription
     * @param onClose run once when the subscription is closed (e.g. to stop waking it)
     * @throws IllegalArgumentException if {@code after} is negative or the interval not positive
     */
    public DcbPollingSubscription(DcbRecorder recorder, DcbQuery query, long after, Duration pollInterval,
            Runnable onClose) {
        this.recorder = requireNonNull(recorder, "recorder");
        this.query = requireNonNull(query, "query");
        this.pollNanos = requireNonNull(pollInterval, "pollInterval").toNanos();
        this.onClose = requireNonNull(onClose, "onClose");
        if (after < 0) {
            throw new IllegalArgumentException("after must not be negative, was " + after);
        }
        if (pollNanos <= 0) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        this.after = after;
    }

    /** Tells the subscription that new events may have been committed. */
    public void wake() {
        lock.lock();
        try {
            wakes++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasNext() {
        while (true) {
            long from;
            long wakesBefore;
            lock.lock();
            try {
                if (closed) {
                    return false;
                }
                if (!ready.isEmpty()) {
                    return true;
                }
                from = after;
                wakesBefore = wakes;
            } finally {
                lock.unlock();
            }
            // Read without the lock, so close() and wake() never wait for the store.
            List<DcbSequencedEvent> batch = recorder.read(query, from, BATCH_SIZE);
            lock.lock();
            try {
                if (closed) {
                    return false;
                }
                if (!batch.isEmpty()) {
                    ready.addAll(batch);
                    after = batch.getLast().position();
                } else if (wakes == wakesBefore) {
                    changed.await(pollNanos, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException("interrupted while waiting for events after position " + from);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public DcbSequencedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the subscription is closed");
        }
        lock.lock();
        try {
            return ready.removeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            ready.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        onClose.run();
    }
}
