package io.eventsourcing.jdbc;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/*
 * Design: a subscription reading from a replica is woken when the primary commits (its own insert, or
 * a NOTIFY heard on the primary, since a standby cannot LISTEN), and may then read before the replica
 * has replayed that commit; it would otherwise wait for its next poll, a second by default. So each
 * wake is echoed a few times over the next third of a second, at growing intervals, and a new wake
 * starts the series again. The echoes of all recorders run on one daemon thread: each is a signal to
 * the waiting subscriptions, which then read once.
 */

/**
 * Repeats a wake for a short while after each request, for subscriptions that read from replicas.
 *
 * <p>Thread-safe.
 */
final class WakeEcho implements AutoCloseable {
    private static final long[] DELAYS_MILLIS = {2, 3, 5, 10, 20, 40, 80, 160};
    private static final ScheduledExecutorService SCHEDULER = scheduler();

    private final Runnable wake;
    /** The index of the next delay while a series runs, -1 when none does. Guarded by this. */
    private int next = -1;
    private boolean closed;

    WakeEcho(Runnable wake) {
        this.wake = wake;
    }

    /** Echoes the wake over the next moments, from the start of the series. */
    synchronized void request() {
        if (closed) {
            return;
        }
        boolean idle = next < 0;
        next = 0;
        if (idle) {
            scheduleNext();
        }
    }

    private void tick() {
        wake.run();
        synchronized (this) {
            if (closed || next >= DELAYS_MILLIS.length) {
                next = -1;
                return;
            }
            scheduleNext();
        }
    }

    /** Holds the lock. */
    private void scheduleNext() {
        SCHEDULER.schedule(this::tick, DELAYS_MILLIS[next++], TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private static ScheduledExecutorService scheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("eventsourcing-replica-wakes").factory());
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
