package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * MariaDB and MySQL (InnoDB). Ids are {@code BINARY(16)}. Notification ids are ordered by a row lock
 * ({@code SELECT ... FOR UPDATE}) on a one-row table beside the events table, held to the end of the
 * insert transaction; connections run at READ COMMITTED so the largest id read after the lock is
 * the one the previous writer committed. On MariaDB a group of saves is written in one round trip, as
 * one compound statement ({@link MariaDbGroupWriter}).
 */
public final class MariaDbDialect implements JdbcDialect {
    private final GroupWriter groupWriter = new MariaDbGroupWriter();

    /** Used by {@link java.util.ServiceLoader}. */
    public MariaDbDialect() {}

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:");
    }

    @Override
    public int maxIdentifierLength() {
        return 64;
    }

    @Override
    public boolean isReserved(String identifier) {
        return ReservedWords.MARIADB.contains(identifier);
    }

    /** {@code connectTimeout} in milliseconds: the longest wait for the server's socket and its handshake. */
    @Override
    public Map<String, String> connectionProperties(Duration connectTimeout) {
        return Map.of("connectTimeout", String.valueOf(Math.max(1, connectTimeout.toMillis())));
    }

    @Override
    public List<String> createEventsTable(Tables tables) {
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.events() + " (originator_id BINARY(16) NOT NULL, "
                        + "originator_version BIGINT NOT NULL, topic TEXT NOT NULL, state LONGBLOB NOT NULL, "
                        + "notification_id BIGINT NOT NULL, PRIMARY KEY (originator_id, originator_version), "
                        + "UNIQUE (notification_id)) ENGINE=InnoDB",
                RowLock.createTable(tables, " ENGINE=InnoDB"),
                "INSERT IGNORE INTO " + tables.lock() + " (id) VALUES (1)");
    }

    @Override
    public List<String> createAggregateTable(String table) {
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " (originator_id BINARY(16) NOT NULL, "
                + "originator_version BIGINT NOT NULL, topic TEXT NOT NULL, state LONGBLOB NOT NULL, "
                + "PRIMARY KEY (originator_id, originator_version)) ENGINE=InnoDB");
    }

    @Override
    public List<String> createTrackingTable(Tables tables) {
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.tracking() + " (application_name VARCHAR(255) NOT NULL "
                + "PRIMARY KEY, notification_id BIGINT NOT NULL) ENGINE=InnoDB");
    }

    @Override
    public List<String> createSchema(String schema) {
        return List.of("CREATE DATABASE IF NOT EXISTS " + schema);
    }

    /** Writes a whole group in one round trip where the server is MariaDB (see {@link MariaDbGroupWriter}). */
    @Override
    public GroupWriter groupWriter() {
        return groupWriter;
    }

    @Override
    public void lockNotifications(Connection connection, Tables tables) throws SQLException {
        RowLock.lock(connection, tables);
    }

    @Override
    public void setUuid(PreparedStatement statement, int index, UUID id) throws SQLException {
        statement.setBytes(index, ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
    }

    @Override
    public UUID getUuid(ResultSet rows, int column) throws SQLException {
        ByteBuffer bytes = ByteBuffer.wrap(rows.getBytes(column));
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    @Override
    public PersistenceException translate(SQLException e, String context) {
        // 1205: lock wait timeout; 1213: deadlock; 2006/2013: server gone away / lost connection.
        return switch (e.getErrorCode()) {
            case 1205, 1213, 2006, 2013 -> new OperationalException(context + ": " + e.getMessage()
                    + " [MariaDB error " + e.getErrorCode() + "]", e);
            default -> SqlStates.translate(e, context);
        };
    }

    /** Tag index table; appenders lock a row of {@code <app>_dcb_events_lock}. */
    @Override
    public JdbcDcbDialect dcbDialect() {
        return TagTableDcbDialect.mariaDb();
    }
}
