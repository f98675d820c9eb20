package io.eventsourcing.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * H2 (2.x). Ids are {@code UUID}. Notification ids are ordered by a row lock
 * ({@code SELECT ... FOR UPDATE}) on a one-row table beside the events table, held to the end of the
 * insert transaction.
 */
public final class H2Dialect implements JdbcDialect {

    /** Used by {@link java.util.ServiceLoader}. */
    public H2Dialect() {}

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    @Override
    public int maxIdentifierLength() {
        return 256;
    }

    @Override
    public boolean isReserved(String identifier) {
        return ReservedWords.H2.contains(identifier);
    }

    @Override
    public List<String> createEventsTable(Tables tables) {
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.events() + " (originator_id UUID NOT NULL, "
                        + "originator_version BIGINT NOT NULL, topic VARCHAR NOT NULL, state VARBINARY NOT NULL, "
                        + "notification_id BIGINT NOT NULL, PRIMARY KEY (originator_id, originator_version), "
                        + "UNIQUE (notification_id))",
                RowLock.createTable(tables, ""),
                "MERGE INTO " + tables.lock() + " (id) KEY (id) VALUES (1)");
    }

    @Override
    public List<String> createAggregateTable(String table) {
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " (originator_id UUID NOT NULL, "
                + "originator_version BIGINT NOT NULL, topic VARCHAR NOT NULL, state VARBINARY NOT NULL, "
                + "PRIMARY KEY (originator_id, originator_version))");
    }

    @Override
    public List<String> createTrackingTable(Tables tables) {
        return List.of("CREATE TABLE IF NOT EXISTS " + tables.tracking() + " (application_name VARCHAR NOT NULL "
                + "PRIMARY KEY, notification_id BIGINT NOT NULL)");
    }

    @Override
    public void lockNotifications(Connection connection, Tables tables) throws SQLException {
        RowLock.lock(connection, tables);
    }

    /** Tag index table; appenders lock a row of {@code <app>_dcb_events_lock}. */
    @Override
    public JdbcDcbDialect dcbDialect() {
        return TagTableDcbDialect.h2();
    }
}
