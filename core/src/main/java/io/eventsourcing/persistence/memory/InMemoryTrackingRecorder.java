package io.eventsourcing.persistence.memory;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link TrackingRecorder} in memory: one mark per upstream application, only ever raised.
 *
 * <p>Thread-safe.
 */
public final class InMemoryTrackingRecorder implements TrackingRecorder {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TrackingTable table = new TrackingTable("in-memory tracking recorder");

    /** An empty recorder. */
    public InMemoryTrackingRecorder() {}

    @Override
    public void insertTracking(Tracking tracking) {
        requireNonNull(tracking, "tracking");
        lock.writeLock().lock();
        try {
            table.check(tracking);
            table.record(tracking);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long maxTrackingId(String applicationName) {
        requireNonNull(applicationName, "applicationName");
        lock.readLock().lock();
        try {
            return table.max(applicationName);
        } finally {
            lock.readLock().unlock();
        }
    }
}
