package io.eventsourcing.examples.projections;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.JdbcView;
import io.eventsourcing.persistence.Tracking;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * A view counting events by type, in the table {@code eventcounters_counts} beside
 * {@code eventcounters_tracking}. Works on SQLite and PostgreSQL (and any database that knows
 * {@code INSERT ... ON CONFLICT}). Thread-safe.
 */
public final class EventCounters extends JdbcView {
    private final String counts;
    private final String upsert;

    /** The view configured by {@code env}, under the name {@code EventCounters}. */
    // tag::event-counters-constructor[]
    public EventCounters(Map<String, String> env) {
        super("EventCounters", env);
        this.counts = table("counts");
        this.upsert = "INSERT INTO " + counts + " (event_type, counted) VALUES (?, 1) ON CONFLICT (event_type) "
                + "DO UPDATE SET counted = " + unqualifiedTable("counts") + ".counted + 1";
        try {
            create("CREATE TABLE IF NOT EXISTS " + counts
                    + " (event_type VARCHAR(255) PRIMARY KEY, counted BIGINT NOT NULL)");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }
    // end::event-counters-constructor[]

    /**
     * Counts one more event of a type, and records its position, atomically.
     *
     * @throws io.eventsourcing.persistence.IntegrityException if the position is recorded already; the
     *     count is then unchanged
     */
    // tag::event-counters-increment[]
    public void increment(String eventType, Tracking tracking) {
        update(tracking, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                statement.setString(1, eventType);
                return statement.executeUpdate();
            }
        });
    }
    // end::event-counters-increment[]

    /** How many events of a type were counted. */
    public long count(String eventType) {
        requireNonNull(eventType, "eventType");
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT counted FROM " + counts + " WHERE event_type = ?")) {
                select.setString(1, eventType);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    /** Every count, by event type. */
    public Map<String, Long> counts() {
        return query(connection -> {
            Map<String, Long> all = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT event_type, counted FROM " + counts);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    all.put(rows.getString(1), rows.getLong(2));
                }
            }
            return all;
        });
    }
}
