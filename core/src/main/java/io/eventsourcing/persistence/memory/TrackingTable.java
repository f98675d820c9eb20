package io.eventsourcing.persistence.memory;

import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Tracking;
import java.util.HashMap;
import java.util.Map;

/** One high-water mark per upstream application. Not thread-safe: its owner's lock guards it. */
final class TrackingTable {
    private final Map<String, Long> marks = new HashMap<>();
    private final String description;

    TrackingTable(String description) {
        this.description = description;
    }

    void check(Tracking tracking) {
        long current = max(tracking.applicationName());
        if (tracking.notificationId() <= current) {
            throw new IntegrityException("tracking id " + tracking.notificationId() + " of "
                    + tracking.applicationName() + " is not above the recorded " + current + " in " + description);
        }
    }

    void record(Tracking tracking) {
        marks.put(tracking.applicationName(), tracking.notificationId());
    }

    long max(String applicationName) {
        return marks.getOrDefault(applicationName, 0L);
    }
}
