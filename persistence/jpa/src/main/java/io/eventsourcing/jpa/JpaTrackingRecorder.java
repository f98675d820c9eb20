package io.eventsourcing.jpa;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.JdbcTrackingRecorder;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import jakarta.persistence.EntityManager;

/**
 * A {@link TrackingRecorder} that joins the thread's {@link EntityManager} transaction: a projection that
 * updates its view entities and calls {@link #insertTracking} in one {@link #transaction} block commits
 * both atomically.
 *
 * <p>Thread-safe.
 */
public final class JpaTrackingRecorder implements TrackingRecorder, TransactionalRecorder<EntityManager> {
    private final JdbcTrackingRecorder jdbc;
    private final JpaSessions sessions;

    JpaTrackingRecorder(JdbcTrackingRecorder jdbc, JpaSessions sessions) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.sessions = requireNonNull(sessions, "sessions");
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

    @Override
    public Class<EntityManager> sessionType() {
        return EntityManager.class;
    }

    @Override
    public <T> T transaction(TransactionWork<EntityManager, T> work) {
        return sessions.transaction(work);
    }

    @Override
    public String toString() {
        return "Jpa" + jdbc.toString().substring("Jdbc".length());
    }
}
