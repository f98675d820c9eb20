package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ProcessRecorder} on SQL tables: a follower's new events and its tracking position are
 * written in one transaction.
 *
 * <p>Thread-safe.
 */
public final class JdbcProcessRecorder extends JdbcApplicationRecorder implements ProcessRecorder {

    /**
     * @param datastore the database
     * @param tables the application's tables (events and tracking)
     * @param pollInterval how often subscriptions poll when nothing wakes them
     */
    public JdbcProcessRecorder(JdbcDatastore datastore, Tables tables, Duration pollInterval) {
        super(datastore, tables, pollInterval);
    }

    /**
     * A recorder that reads its notification log from replicas; its tracking positions are always read
     * from the primary, as they decide what is processed next.
     *
     * @param datastore the database: the primary, which every write goes to
     * @param replicas where the notification log is read, or null to read it from the primary
     * @param tables the application's tables (events and tracking)
     * @param pollInterval how often subscriptions poll when nothing wakes them
     */
    public JdbcProcessRecorder(JdbcDatastore datastore, @Nullable JdbcReplicas replicas, Tables tables,
            Duration pollInterval) {
        super(datastore, replicas, tables, pollInterval);
    }

    /** Creates the events and tracking tables if they do not exist. */
    @Override
    public void createTable() {
        super.createTable();
        datastore.write("create table " + tables.tracking(), connection -> {
            Ddl.execute(connection, datastore.dialect().createTrackingTable(tables));
            return null;
        });
    }

    @Override
    public List<Long> insertEvents(List<StoredEvent> events, Tracking tracking) {
        requireNonNull(events, "events");
        requireNonNull(tracking, "tracking");
        return insert(events, tracking);
    }

    @Override
    public void insertTracking(Tracking tracking) {
        insertEvents(List.of(), tracking);
    }

    @Override
    public long maxTrackingId(String applicationName) {
        requireNonNull(applicationName, "applicationName");
        return datastore.read("select from " + tables.tracking(),
                connection -> TrackingRows.max(connection, tables.tracking(), applicationName));
    }
}
