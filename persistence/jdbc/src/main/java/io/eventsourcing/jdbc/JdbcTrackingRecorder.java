package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TransactionWork;
import io.eventsourcing.persistence.TransactionalRecorder;
import java.sql.Connection;

/**
 * A {@link TrackingRecorder} on a SQL table with one row per upstream application. A projection that
 * writes its view in {@link #transaction} together with {@link #insertTracking} updates both atomically.
 *
 * <p>Thread-safe.
 */
public final class JdbcTrackingRecorder implements TrackingRecorder, TransactionalRecorder<Connection> {
    private final JdbcDatastore datastore;
    private final Tables tables;

    /**
     * @param datastore the database
     * @param tables the tables; this recorder uses the tracking table
     */
    public JdbcTrackingRecorder(JdbcDatastore datastore, Tables tables) {
        this.datastore = requireNonNull(datastore, "datastore");
        this.tables = requireNonNull(tables, "tables");
    }

    /** Creates the tracking table if it does not exist. */
    public void createTable() {
        datastore.write("create table " + tables.tracking(), connection -> {
            Ddl.execute(connection, datastore.dialect().createTrackingTable(tables));
            return null;
        });
    }

    @Override
    public void insertTracking(Tracking tracking) {
        requireNonNull(tracking, "tracking");
        datastore.write("insert into " + tables.tracking(), connection -> {
            TrackingRows.raise(connection, datastore.dialect(), tables.tracking(), tracking);
            return null;
        });
    }

    @Override
    public long maxTrackingId(String applicationName) {
        requireNonNull(applicationName, "applicationName");
        return datastore.read("select from " + tables.tracking(),
                connection -> TrackingRows.max(connection, tables.tracking(), applicationName));
    }

    @Override
    public Class<Connection> sessionType() {
        return Connection.class;
    }

    @Override
    public <T> T transaction(TransactionWork<Connection, T> work) {
        return datastore.transaction(work);
    }

    @Override
    public String toString() {
        return "JdbcTrackingRecorder[" + tables.tracking() + "]";
    }
}
