package io.eventsourcing.tck.memory;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.tck.system.EventCounters;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The event counters in memory: two counts and one tracking mark per upstream application, all
 * changed under one lock, so an increment and its tracking position are one atomic step.
 */
final class InMemoryEventCounters implements EventCounters {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> marks = new HashMap<>();
    private long created;
    private long other;

    @Override
    public void incrementCreated(Tracking tracking) {
        lock.lock();
        try {
            raise(tracking);
            created++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void incrementOther(Tracking tracking) {
        lock.lock();
        try {
            raise(tracking);
            other++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void insertTracking(Tracking tracking) {
        lock.lock();
        try {
            raise(tracking);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long maxTrackingId(String applicationName) {
        requireNonNull(applicationName, "applicationName");
        lock.lock();
        try {
            return marks.getOrDefault(applicationName, 0L);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long created() {
        lock.lock();
        try {
            return created;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long other() {
        lock.lock();
        try {
            return other;
        } finally {
            lock.unlock();
        }
    }

    /** Checks the position is above the mark and raises the mark; the caller holds the lock. */
    private void raise(Tracking tracking) {
        requireNonNull(tracking, "tracking");
        long mark = marks.getOrDefault(tracking.applicationName(), 0L);
        if (tracking.notificationId() <= mark) {
            throw new IntegrityException("tracking id " + tracking.notificationId() + " of "
                    + tracking.applicationName() + " is not above the recorded " + mark + " in the event counters");
        }
        marks.put(tracking.applicationName(), tracking.notificationId());
    }
}
