package io.eventsourcing.jpa;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.JdbcAggregateRecorder;
import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AggregateRecorder} (e.g. of snapshots) that joins the thread's {@link EntityManager}
 * transaction: the JDBC recorder run on the entity manager's connection (see {@link JpaFactory}).
 *
 * <p>Thread-safe.
 */
public final class JpaAggregateRecorder implements AggregateRecorder, TransactionalRecorder<EntityManager> {
    private final JdbcAggregateRecorder jdbc;
    private final JpaSessions sessions;

    JpaAggregateRecorder(JdbcAggregateRecorder jdbc, JpaSessions sessions) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.sessions = requireNonNull(sessions, "sessions");
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events) {
        return sessions.write(() -> jdbc.insertEvents(events));
    }

    @Override
    public List<StoredEvent> selectEvents(UUID originatorId, @Nullable Long gt, @Nullable Long lte, boolean desc,
            @Nullable Integer limit) {
        return sessions.read(() -> jdbc.selectEvents(originatorId, gt, lte, desc, limit));
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
