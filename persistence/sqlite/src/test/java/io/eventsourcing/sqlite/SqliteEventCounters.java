package io.eventsourcing.sqlite;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.JdbcTrackingRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.tck.system.EventCounters;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * The event counters of the projection suite in a SQLite table ({@code eventcounters_counters}, one
 * row per counter) beside the tracking table of the factory's {@link JdbcTrackingRecorder}. Each
 * increment upserts its row and raises the tracking mark in one transaction of that recorder, so a
 * position recorded already rolls the count back with it: how a user writes a view on SQL.
 *
 * <p>Thread-safe. Closing it closes its factory.
 */
final class SqliteEventCounters implements EventCounters {
    private static final String CREATED = "created";
    private static final String OTHER = "other";

    private final JdbcFactory factory;
    private final JdbcTrackingRecorder tracking;
    private final String table;

    /** A view named {@code EventCounters} on the database the settings select; creates its table if missing. */
    SqliteEventCounters(Map<String, String> env) {
        this.factory = (JdbcFactory) InfrastructureFactory.construct(Environment.isolated("EventCounters", env));
        this.tracking = (JdbcTrackingRecorder) factory.trackingRecorder();
        this.table = factory.tables().forPurpose("counters");
        tracking.transaction(connection -> {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE IF NOT EXISTS " + table
                        + " (counter TEXT NOT NULL PRIMARY KEY, total INTEGER NOT NULL)");
            }
            return null;
        });
    }

    @Override
    public void incrementCreated(Tracking position) {
        increment(CREATED, position);
    }

    @Override
    public void incrementOther(Tracking position) {
        increment(OTHER, position);
    }

    @Override
    public long created() {
        return count(CREATED);
    }

    @Override
    public long other() {
        return count(OTHER);
    }

    @Override
    public void insertTracking(Tracking position) {
        tracking.insertTracking(position);
    }

    @Override
    public long maxTrackingId(String applicationName) {
        return tracking.maxTrackingId(applicationName);
    }

    @Override
    public void close() {
        factory.close();
    }

    private void increment(String counter, Tracking position) {
        requireNonNull(position, "position");
        tracking.transaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table
                    + " (counter, total) VALUES (?, 1) ON CONFLICT (counter) DO UPDATE SET total = total + 1")) {
                upsert.setString(1, counter);
                upsert.executeUpdate();
            }
            tracking.insertTracking(position);
            return null;
        });
    }

    private long count(String counter) {
        return factory.datastore().read("select from " + table, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT total FROM " + table + " WHERE counter = ?")) {
                select.setString(1, counter);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }
}
