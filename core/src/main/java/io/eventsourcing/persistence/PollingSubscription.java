package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Subscription} that reads an {@link ApplicationRecorder}'s notifications in batches, and when
 * it has caught up waits until {@link #wake()} is called (a backend calls it when new events are
 * committed: after an in-memory insert, on a PostgreSQL NOTIFY) or, at the latest, until the poll
 * interval has passed. Backends without a push mechanism rely on the interval alone.
 *
 * <p>Thread-safe: one thread iterates, any thread may {@link #wake()} or {@link #close()}.
 */
public final class PollingSubscription implements Subscription {
    /** How many notifications one select reads. */
    public static final int BATCH_SIZE = 500;

    private final ApplicationRecorder recorder;
    private final Set<String> topics;
    private final long pollIntervalNanos;
    private final Runnable onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final ArrayDeque<Notification> buffer = new ArrayDeque<>();
    private long position;
    private long wakeCount;
    private boolean closed;

    /**
     * @param recorder the log to follow
     * @param gt start after this notification id
     * @param topics only these topics, or all if empty
     * @param pollInterval the longest wait between selects when nothing wakes the subscription
     * @param onClose run once when the subscription is closed (e.g. to stop waking it)
     */
    public PollingSubscription(ApplicationRecorder recorder, long gt, Set<String> topics, Duration pollInterval,
            Runnable onClose) {
        this.recorder = requireNonNull(recorder, "recorder");
        this.topics = Set.copyOf(topics);
        this.pollIntervalNanos = requireNonNull(pollInterval, "pollInterval").toNanos();
        this.onClose = requireNonNull(onClose, "onClose");
        if (pollIntervalNanos <= 0) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        this.position = Math.max(gt, 0);
    }

    /** Tells the subscription that new notifications may have been committed. */
    public void wake() {
        lock.lock();
        try {
            wakeCount++;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasNext() {
        while (true) {
            long seenWakes;
            lock.lock();
            try {
                if (closed) {
                    return false;
                }
                if (!buffer.isEmpty()) {
                    return true;
                }
                seenWakes = wakeCount;
            } finally {
                lock.unlock();
            }
            List<Notification> batch = recorder.selectNotifications(position + 1, BATCH_SIZE, null, topics);
            lock.lock();
            try {
                if (!batch.isEmpty()) {
                    buffer.addAll(batch);
                    position = batch.getLast().id();
                    continue;
                }
                if (batch.isEmpty() && wakeCount == seenWakes && !closed) {
                    try {
                        woken.await(pollIntervalNanos, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new WaitInterruptedException("interrupted while waiting for notifications after " + position);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public Notification next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the subscription is closed");
        }
        lock.lock();
        try {
            return buffer.removeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        boolean first;
        lock.lock();
        try {
            first = !closed;
            closed = true;
            buffer.clear();
            woken.signalAll();
        } finally {
            lock.unlock();
        }
        if (first) {
            onClose.run();
        }
    }
}
