package io.eventsourcing.messaging.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pauses between attempts to reach a broker: from the first delay, doubling up to the longest, back to
 * the first after a success. A pause ends early when {@link #cancel()} is called (on close).
 *
 * <p>Thread-safe.
 */
public final class Backoff {
    private final long firstNanos;
    private final long longestNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition cancelled = lock.newCondition();
    private long nextNanos;
    private boolean stopped;

    /** @param first the first pause @param longest the longest pause */
    public Backoff(Duration first, Duration longest) {
        this.firstNanos = first.toNanos();
        this.longestNanos = longest.toNanos();
        this.nextNanos = firstNanos;
    }

    /** After a success: the next failure pauses the first delay again. */
    public void reset() {
        lock.lock();
        try {
            nextNanos = firstNanos;
        } finally {
            lock.unlock();
        }
    }

    /** Pauses, then doubles the next pause; returns false at once if cancelled (or interrupted). */
    public boolean pause() {
        lock.lock();
        try {
            long remaining = nextNanos;
            nextNanos = Math.min(nextNanos * 2, longestNanos);
            while (!stopped && remaining > 0) {
                remaining = cancelled.awaitNanos(remaining);
            }
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a pause under way and every later one. */
    public void cancel() {
        lock.lock();
        try {
            stopped = true;
            cancelled.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
