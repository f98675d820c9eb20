package io.eventsourcing.jdbc.testkit;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.JdbcView;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.tck.system.EventCounters;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

/**
 * The event counters of the projection suite as a {@link JdbcView}: a SQL table
 * ({@code eventcounters_counters}, one row per counter) beside the view's tracking table. Each increment
 * updates its row (inserting it the first time, in SQL that H2, MariaDB, SQLite and PostgreSQL share)
 * and raises the tracking mark in one transaction, so a position recorded already rolls the count back
 * with it. The projection suite thereby runs the view base class on every SQL backend.
 *
 * <p>Thread-safe. Closing it closes its factory.
 */
public final class JdbcEventCounters extends JdbcView implements EventCounters {
    private static final String CREATED = "created";
    private static final String OTHER = "other";

    private final String table;

    /** A view named {@code EventCounters} on the database the settings select; creates its table if missing. */
    public JdbcEventCounters(Map<String, String> env) {
        super(Environment.isolated("EventCounters", env));
        this.table = table("counters");
        try {
            create("CREATE TABLE IF NOT EXISTS " + table
                    + " (counter VARCHAR(16) NOT NULL PRIMARY KEY, total BIGINT NOT NULL)");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
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

    private void increment(String counter, Tracking position) {
        requireNonNull(position, "position");
        update(position, connection -> {
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
            return null;
        });
    }

    private long count(String counter) {
        return query(connection -> {
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
