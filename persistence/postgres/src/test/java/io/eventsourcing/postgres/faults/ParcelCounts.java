package io.eventsourcing.postgres.faults;

import io.eventsourcing.jdbc.JdbcView;
import io.eventsourcing.persistence.Tracking;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A view counting how often each parcel was projected: exactly once each, if the projection neither
 * skipped nor repeated an event. Table {@code parcelcounts_seen} beside its tracking table.
 */
final class ParcelCounts extends JdbcView {
    private final String table;

    ParcelCounts(Map<String, String> env) {
        super("ParcelCounts", env);
        this.table = table("seen");
        create("CREATE TABLE IF NOT EXISTS " + table + " (parcel uuid PRIMARY KEY, times int NOT NULL)");
    }

    /** Counts a parcel and records the position, atomically. */
    void count(UUID parcel, Tracking tracking) {
        update(tracking, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table + " (parcel, times) "
                    + "VALUES (?, 1) ON CONFLICT (parcel) DO UPDATE SET times = " + unqualifiedTable("seen")
                    + ".times + 1")) {
                upsert.setObject(1, parcel);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /** How often each parcel was counted. */
    Map<UUID, Integer> counts() {
        return query(connection -> {
            Map<UUID, Integer> counts = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT parcel, times FROM " + table);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getObject(1, UUID.class), rows.getInt(2));
                }
            }
            return counts;
        });
    }
}
