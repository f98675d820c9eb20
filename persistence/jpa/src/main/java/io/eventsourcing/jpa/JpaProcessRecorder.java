package io.eventsourcing.jpa;

import io.eventsourcing.jdbc.JdbcProcessRecorder;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * A {@link ProcessRecorder} that joins the thread's {@link EntityManager} transaction: a follower's new
 * events and its tracking position, and whatever the caller's entities changed in the same block, commit
 * together.
 *
 * <p>Thread-safe.
 */
public final class JpaProcessRecorder extends JpaApplicationRecorder implements ProcessRecorder {
    private final JdbcProcessRecorder jdbc;

    JpaProcessRecorder(JdbcProcessRecorder jdbc, JpaSessions sessions) {
        super(jdbc, sessions);
        this.jdbc = jdbc;
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events, Tracking tracking) {
        return sessions.write(() -> jdbc.insertEvents(events, tracking));
    }

    @Override
    public void insertTracking(Tracking tracking) {
        sessions.write(() -> {
            jdbc.insertTracking(tracking);
            return null;
        });
    }

    @Override
    public long maxTrackingId(String applicationName) {
        return sessions.read(() -> jdbc.maxTrackingId(applicationName));
    }
}
