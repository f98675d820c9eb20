package io.eventsourcing.jpa;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.JdbcApplicationRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Subscription;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ApplicationRecorder} that joins the thread's {@link EntityManager} transaction: the JDBC
 * recorder run on the entity manager's connection, so notification ids are assigned as on the SQL
 * backends (under the dialect's lock, after the largest committed id: gap-free, in commit order; see
 * {@link io.eventsourcing.jdbc.JdbcDialect}). The lock is held from the first save until the entity
 * manager's transaction ends, so long transactions delay other writers of the same application.
 * Subscriptions read on connections of their own.
 *
 * <p>Thread-safe.
 */
public sealed class JpaApplicationRecorder implements ApplicationRecorder, TransactionalRecorder<EntityManager>
        permits JpaProcessRecorder {
    private final JdbcApplicationRecorder jdbc;
    final JpaSessions sessions;

    JpaApplicationRecorder(JdbcApplicationRecorder jdbc, JpaSessions sessions) {
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
    public List<Notification> selectNotifications(long start, int limit, @Nullable Long stop, Set<String> topics) {
        return sessions.read(() -> jdbc.selectNotifications(start, limit, stop, topics));
    }

    @Override
    public long maxNotificationId() {
        return sessions.read(jdbc::maxNotificationId);
    }

    @Override
    public Subscription subscribe(long gt, Set<String> topics) {
        return jdbc.subscribe(gt, topics);
    }

    @Override
    public Class<EntityManager> sessionType() {
        return EntityManager.class;
    }

    @Override
    public <T> T transaction(TransactionWork<EntityManager, T> work) {
        return sessions.transaction(work);
    }

    /** Closes the subscriptions. */
    @Override
    public void close() {
        jdbc.close();
    }

    @Override
    public String toString() {
        return "Jpa" + jdbc.toString().substring("Jdbc".length());
    }
}
