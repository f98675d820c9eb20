package io.eventsourcing.jdbc.testkit;

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
 * The event counters of the projection suite in a SQL table ({@code eventcounters_counters}, one row
 * per counter) beside the tracking table of the factory's {@link JdbcTrackingRecorder}. Each increment
 * updates its row (inserting it the first time, in SQL that H2, MariaDB, SQLite and PostgreSQL share) and raises the
 * tracking mark in one transaction of that recorder, so a position recorded already rolls the count
 * back with it.
 *
 * <p>Thread-safe. Closing it closes its factory.
 */
public final class JdbcEventCounters implements EventCounters {
    private static final String CREATED = "created";
    private static final String OTHER = "other";

    private final JdbcFactory factory;
    private final JdbcTrackingRecorder tracking;
    private final String table;

    /** A view named {@code EventCounters} on the database the settings select; creates its table if missing. */
    public JdbcEventCounters(Map<String, String> env) {
        this.factory = (JdbcFactory) InfrastructureFactory.construct(Environment.isolated("EventCounters", env));
        this.tracking = (JdbcTrackingRecorder) factory.trackingRecorder();
        this.table = factory.tables().forPurpose("counters");
        tracking.transaction(connection -> {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE IF NOT EXISTS " + table
                        + " (counter VARCHAR(16) NOT NULL PRIMARY KEY, total BIGINT NOT NULL)");
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
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE " + table + " SET total = total + 1 WHERE counter = ?")) {
                update.setString(1, counter);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO " + table + " (counter, total) VALUES (?, 1)")) {
                        insert.setString(1, counter);
                        insert.executeUpdate();
                    }
                }
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
