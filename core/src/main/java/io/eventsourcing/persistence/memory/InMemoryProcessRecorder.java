package io.eventsourcing.persistence.memory;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.util.List;

/**
 * A {@link ProcessRecorder} in memory: events and tracking are checked, then written, under one lock.
 *
 * <p>Thread-safe.
 */
public final class InMemoryProcessRecorder extends InMemoryApplicationRecorder implements ProcessRecorder {
    private final TrackingTable tracking = new TrackingTable("in-memory process recorder");

    /** An empty recorder. */
    public InMemoryProcessRecorder() {
        super("in-memory process recorder");
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events, Tracking tracking) {
        requireNonNull(events, "events");
        requireNonNull(tracking, "tracking");
        List<Long> ids;
        lock.writeLock().lock();
        try {
            checkNewEvents(events);
            this.tracking.check(tracking);
            ids = store(events);
            this.tracking.record(tracking);
        } finally {
            lock.writeLock().unlock();
        }
        wakeSubscriptions(ids);
        return ids;
    }

    @Override
    public void insertTracking(Tracking tracking) {
        insertEvents(List.of(), tracking);
    }

    @Override
    public long maxTrackingId(String applicationName) {
        requireNonNull(applicationName, "applicationName");
        lock.readLock().lock();
        try {
            return tracking.max(applicationName);
        } finally {
            lock.readLock().unlock();
        }
    }
}
