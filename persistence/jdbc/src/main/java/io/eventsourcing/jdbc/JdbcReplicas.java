package io.eventsourcing.jdbc;

import java.time.Duration;

/**
 * A backend's read replicas: a second database, kept up to date by the primary's replication, that the
 * recorders read from instead of the primary. The notification log's reads (notifications, the largest
 * notification id, and so subscriptions, followers and projections) go to {@link #datastore()}; the
 * aggregates' reads (events by originator, snapshots) go there too only when
 * {@link #aggregateReads()} says so, since a command that reads a stale aggregate fails its save with
 * a conflict. Writes, reads inside a transaction (which must see its own writes) and tracking
 * positions (which decide what a follower processes next) stay on the primary. A replica replays the
 * primary's commits in commit order, and notification ids increase in commit order, so a reader of a
 * replica sees a prefix of the log without gaps, only later.
 *
 * <p>Implementations are thread-safe; the factory that uses them closes them.
 */
public interface JdbcReplicas extends AutoCloseable {

    /** The replicas' connections, for reads. */
    JdbcDatastore datastore();

    /** Whether the aggregates' reads go to the replicas too, not only the notification log's. */
    boolean aggregateReads();

    /**
     * Blocks until every replica that reads may go to has replayed notification {@code notificationId}
     * of the events table, so that a read that follows sees it.
     *
     * @throws io.eventsourcing.persistence.WaitTimeoutException if one has not within the timeout,
     *     naming it and how far it got
     * @throws io.eventsourcing.persistence.OperationalException if no replica can be asked
     */
    void waitForNotification(Tables tables, long notificationId, Duration timeout);

    /** Closes the replicas' connections. */
    @Override
    void close();
}
