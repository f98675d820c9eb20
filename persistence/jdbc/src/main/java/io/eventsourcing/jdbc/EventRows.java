package io.eventsourcing.jdbc;

import io.eventsourcing.internal.PersistenceAccess;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The SQL shared by the JDBC recorders: inserting and selecting rows of stored events. */
final class EventRows {
    /**
     * The most rows one INSERT carries: 5,000 parameters, well inside every supported database's limit
     * (SQLite's is 32,766, PostgreSQL's 65,535).
     */
    static final int ROWS_PER_INSERT = 1_000;
    /** Makes the rows' records without copying the bytes the driver has just made for them. */
    private static final PersistenceAccess ACCESS = PersistenceAccess.get();

    private EventRows() {}

    static List<StoredEvent> selectEvents(Connection connection, JdbcDialect dialect, String table, UUID originatorId,
            @Nullable Long gt, @Nullable Long lte, boolean desc, @Nullable Integer limit) throws SQLException {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        StringBuilder sql = new StringBuilder("SELECT originator_version, topic, state FROM ").append(table)
                .append(" WHERE originator_id = ?");
        if (gt != null) {
            sql.append(" AND originator_version > ?");
        }
        if (lte != null) {
            sql.append(" AND originator_version <= ?");
        }
        sql.append(" ORDER BY originator_version").append(desc ? " DESC" : "");
        if (limit != null) {
            sql.append(" LIMIT ?");
        }
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            dialect.setUuid(select, index++, originatorId);
            if (gt != null) {
                select.setLong(index++, gt);
            }
            if (lte != null) {
                select.setLong(index++, lte);
            }
            if (limit != null) {
                select.setInt(index, limit);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<StoredEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(ACCESS.storedEvent(originatorId, rows.getLong(1), rows.getString(2), rows.getBytes(3)));
                }
                return events;
            }
        }
    }

    static List<Notification> selectNotifications(Connection connection, JdbcDialect dialect, String table, long start,
            int limit, @Nullable Long stop, Set<String> topics) throws SQLException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(
                "SELECT notification_id, originator_id, originator_version, topic, state FROM ").append(table)
                .append(" WHERE notification_id >= ?");
        if (stop != null) {
            sql.append(" AND notification_id <= ?");
        }
        List<String> topicList = List.copyOf(topics);
        if (!topicList.isEmpty()) {
            sql.append(" AND topic IN (").append("?,".repeat(topicList.size() - 1)).append("?)");
        }
        sql.append(" ORDER BY notification_id LIMIT ?");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            select.setLong(index++, Math.max(start, 1));
            if (stop != null) {
                select.setLong(index++, stop);
            }
            for (String topic : topicList) {
                select.setString(index++, topic);
            }
            select.setInt(index, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Notification> notifications = new ArrayList<>();
                while (rows.next()) {
                    notifications.add(ACCESS.notification(rows.getLong(1), dialect.getUuid(rows, 2), rows.getLong(3),
                            rows.getString(4), rows.getBytes(5)));
                }
                return notifications;
            }
        }
    }

    static long maxNotificationId(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(notification_id) FROM " + table);
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Inserts events without notification ids (an aggregate recorder's table). */
    static void insert(Connection connection, JdbcDialect dialect, String table, List<StoredEvent> events)
            throws SQLException {
        insertRows(connection, dialect, table, events, 0);
    }

    /**
     * Inserts events numbered from {@code first}, after the largest notification id; the caller holds the
     * notification lock.
     */
    static List<Long> insertNumbered(Connection connection, JdbcDialect dialect, String table,
            List<StoredEvent> events, long first) throws SQLException {
        insertRows(connection, dialect, table, events, first);
        Long[] ids = new Long[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = first + i;
        }
        return List.of(ids);
    }

    /**
     * Inserts the rows with one multi-row INSERT per chunk of up to {@link #ROWS_PER_INSERT} rows: the
     * database plans and executes one statement rather than one per row, as a JDBC batch would have it.
     * Rows are numbered from {@code first}, or not at all if it is 0.
     */
    private static void insertRows(Connection connection, JdbcDialect dialect, String table,
            List<StoredEvent> events, long first) throws SQLException {
        boolean numbered = first > 0;
        int size = events.size();
        for (int from = 0; from < size; from += ROWS_PER_INSERT) {
            int rows = Math.min(ROWS_PER_INSERT, size - from);
            try (PreparedStatement insert = connection.prepareStatement(insertSql(table, rows, numbered))) {
                int index = 1;
                for (int i = from; i < from + rows; i++) {
                    StoredEvent event = events.get(i);
                    dialect.setUuid(insert, index++, event.originatorId());
                    insert.setLong(index++, event.originatorVersion());
                    insert.setString(index++, event.topic());
                    insert.setBytes(index++, PersistenceAccess.get().state(event));
                    if (numbered) {
                        insert.setLong(index++, first + i);
                    }
                }
                insert.executeUpdate();
            }
        }
    }

    private static String insertSql(String table, int rows, boolean numbered) {
        String row = numbered ? "(?, ?, ?, ?, ?)" : "(?, ?, ?, ?)";
        StringBuilder sql = new StringBuilder(80 + rows * (row.length() + 2)).append("INSERT INTO ").append(table)
                .append(numbered ? " (originator_id, originator_version, topic, state, notification_id) VALUES "
                        : " (originator_id, originator_version, topic, state) VALUES ")
                .append(row);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(row);
        }
        return sql.toString();
    }

    /**
     * The (originator id, version) pairs of the given events that the table has recorded, looked up in
     * statements of up to {@link #ROWS_PER_INSERT} pairs.
     */
    static Set<Key> recordedKeys(Connection connection, JdbcDialect dialect, String table, List<StoredEvent> events)
            throws SQLException {
        Set<Key> recorded = new HashSet<>();
        for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
            List<StoredEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("SELECT originator_id, originator_version FROM ").append(table)
                    .append(" WHERE ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("(originator_id = ? AND originator_version = ?)");
            }
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int index = 1;
                for (StoredEvent event : chunk) {
                    dialect.setUuid(select, index++, event.originatorId());
                    select.setLong(index++, event.originatorVersion());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        recorded.add(new Key(dialect.getUuid(rows, 1), rows.getLong(2)));
                    }
                }
            }
        }
        return recorded;
    }

    /** An event's place: the aggregate and the version. */
    record Key(UUID originatorId, long originatorVersion) {
        static Key of(StoredEvent event) {
            return new Key(event.originatorId(), event.originatorVersion());
        }
    }

    /** Fails before touching the database if the batch itself repeats an (originator id, version). */
    static void checkNoRepeats(List<StoredEvent> events, String table) {
        if (events.size() < 2) {
            return;
        }
        Set<Key> seen = new HashSet<>();
        for (StoredEvent event : events) {
            if (!seen.add(Key.of(event))) {
                throw new IntegrityException("event " + event.originatorId() + ":" + event.originatorVersion()
                        + " appears twice in one insert into " + table + "; nothing of the insert was stored");
            }
        }
    }

    /**
     * After a failed insert, finds which event was already recorded, to name it in the message. Runs
     * outside the failed transaction.
     */
    static @Nullable StoredEvent findRecorded(JdbcDatastore datastore, String table, List<StoredEvent> events) {
        try {
            return datastore.read("find conflicting event in " + table, connection -> {
                for (StoredEvent event : events) {
                    if (!selectEvents(connection, datastore.dialect(), table, event.originatorId(),
                            event.originatorVersion() - 1, event.originatorVersion(), false, 1).isEmpty()) {
                        return event;
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            return null;
        }
    }

    static IntegrityException conflict(JdbcDatastore datastore, String table, List<StoredEvent> events,
            IntegrityException e) {
        if (datastore.inTransaction()) {
            return e;
        }
        StoredEvent recorded = findRecorded(datastore, table, events);
        if (recorded == null) {
            return e;
        }
        return new IntegrityException("event " + recorded.originatorId() + ":" + recorded.originatorVersion()
                + " already recorded in " + table + "; nothing of the insert was stored", e);
    }
}
