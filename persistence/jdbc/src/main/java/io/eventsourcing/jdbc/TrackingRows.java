package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Tracking;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of tracking: one row per upstream application, raised only. The row is read with a
 * row lock (or under the single writer, for SQLite) and then updated or inserted, so two writers of
 * the same position cannot both succeed: the second finds the raised mark, or fails on the key.
 */
final class TrackingRows {
    private TrackingRows() {}

    static void raise(Connection connection, JdbcDialect dialect, String table, Tracking tracking)
            throws SQLException {
        Long current = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT notification_id FROM " + table + " WHERE application_name = ?" + dialect.forUpdate())) {
            select.setString(1, tracking.applicationName());
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    current = rows.getLong(1);
                }
            }
        }
        if (current != null && tracking.notificationId() <= current) {
            throw new IntegrityException("tracking id " + tracking.notificationId() + " of "
                    + tracking.applicationName() + " is not above the recorded " + current + " in " + table);
        }
        String sql = current == null
                ? "INSERT INTO " + table + " (notification_id, application_name) VALUES (?, ?)"
                : "UPDATE " + table + " SET notification_id = ? WHERE application_name = ?";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            write.setLong(1, tracking.notificationId());
            write.setString(2, tracking.applicationName());
            write.executeUpdate();
        }
    }

    /** The recorded positions of the given upstream applications, locked as {@link #raise} locks them. */
    static Map<String, Long> positions(Connection connection, JdbcDialect dialect, String table, List<String> names)
            throws SQLException {
        Map<String, Long> positions = new HashMap<>();
        if (names.isEmpty()) {
            return positions;
        }
        String sql = "SELECT application_name, notification_id FROM " + table + " WHERE application_name IN ("
                + "?, ".repeat(names.size() - 1) + "?)" + dialect.forUpdate();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < names.size(); i++) {
                select.setString(i + 1, names.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    positions.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return positions;
    }

    static long max(Connection connection, String table, String applicationName) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT notification_id FROM " + table + " WHERE application_name = ?")) {
            select.setString(1, applicationName);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
