package io.eventsourcing.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The notification lock of the dialects without a table lock that leaves readers alone (MariaDB/MySQL,
 * H2): a row lock on the one row of the table beside the events table, held until the transaction ends.
 */
final class RowLock {
    private RowLock() {}

    /** The statement that creates the lock table, with the dialect's table options appended. */
    static String createTable(Tables tables, String engineSuffix) {
        return "CREATE TABLE IF NOT EXISTS " + tables.lock() + " (id INT NOT NULL PRIMARY KEY)" + engineSuffix;
    }

    static void lock(Connection connection, Tables tables) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT id FROM " + tables.lock() + " WHERE id = 1 FOR UPDATE");
                ResultSet rows = lock.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("the lock row of " + tables.lock() + " is missing", "42S02");
            }
        }
    }
}
